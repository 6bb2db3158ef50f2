/** File extensions the ingest job picks up in folders; apart from readers.ts so naming them loads no reader. */
export const INPUT_EXTENSIONS = ['.txt', '.html', '.htm', '.xml', '.rss', '.atom', '.jsonl', '.csv'];
