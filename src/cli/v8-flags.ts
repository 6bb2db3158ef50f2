// V8 settings for the command line, set before any other module runs. Regular
// expressions compile straight to machine code: by default V8 first compiles each
// to bytecode and then again once it has run, and a one-file `parley extract`
// compiles a hundred large pack patterns twice for the little text it reads.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-regexp-tier-up');
