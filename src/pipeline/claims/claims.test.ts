// Table-driven tests of claim extraction, one row per rule, in our own sentences.
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../run-pipeline.js';

/** These rows test the rules themselves, not the trained decider that uses them as features. */
const RULES = { decider: 'rules' } as const;

/** A short on-topic article around `text`, so the relevance gate lets it through. */
function claimsOf(text: string): string[] {
  const rawText = `Peace talks resumed on Monday as negotiators met again.\n${text}`;
  return runPipeline({ origin: 't.txt', rawText }, undefined, RULES)
    .claims.map((c) => `${c.actor} ${c.polarity} ${c.proposition}`)
    .filter((v, i, all) => all.indexOf(v) === i)
    .sort();
}

const cases: [string, string, string[]][] = [
  ['subject of a demand verb', 'The Kremlin demanded that Ukraine abandon its NATO ambitions.', ['russia oppose nato_membership']],
  ['speaker of a deontic "must"', 'Vladimir Putin said Ukraine must withdraw from the Donetsk region.', ['russia support territory_cession']],
  ['list: one demand, four claims', 'Moscow demanded that Kyiv accept neutrality, renounce NATO membership, demobilise and recognise Crimea as Russian.', ['russia oppose nato_membership', 'russia support military_limits', 'russia support neutrality', 'russia support recognition']],
  ['refusal modal is a single negation', 'Kyiv would not hand over any territory it controls, its negotiator said.', ['ukraine oppose territory_cession']],
  ['orientation: lifting sanctions is opposing sanctions', 'Russian officials called for the lifting of sanctions.', ['russia oppose sanctions']],
  ['orientation: borders not changed by force', 'Keir Starmer insisted that borders must not be changed by force.', ['europe oppose recognition']],
  ['opposite wording beats the plain cue', 'The Kremlin insisted on banning the deployment of foreign troops in Ukraine.', ['russia oppose foreign_troops']],
  ['passive agent', 'Both sides failed to agree on a truce pushed by Washington.', ['usa support ceasefire']],
  ['compound subject of an agreement', 'Ukraine and Russia agreed to a prisoner exchange.', ['russia support humanitarian_exchange', 'ukraine support humanitarian_exchange']],
  ['elliptical clause keeps the main subject', 'European leaders welcomed the talks but warned against territorial concessions.', ['europe oppose territory_cession']],
  ['a negated demand is not opposition', 'Zelensky is not demanding NATO membership now.', []],
  ['a topic is not a stance', 'The delegations discussed a ceasefire and prisoner exchanges.', []],
  ['a new clause after ", as" has its own stance', 'Moscow refused to meet Kyiv, as Ukraine continues to reject direct talks with Putin.', ['ukraine oppose leaders_summit']],
  ['list items carry the demand of their introduction', 'Moscow set out its demands for Kyiv:\nlifting all sanctions;\nrestoration of diplomatic ties with Russia.', ['russia oppose sanctions', 'russia support normalization']],
  ['list items without a demand introduction carry nothing', 'The agenda of the day was as follows:\nlifting of sanctions;\na ceasefire.', []],
  ['a question is not a stance', 'Trump was asked whether Zelensky would give up Crimea.', []],
  // Whose stance
  ['a quote then "said" names the speaker', '"We will never give up our land," Zelensky said on Friday.', ['ukraine oppose territory_cession']],
  ['a name inside the quote is not the speaker', '"Ukraine must have security guarantees," the statement by European leaders said.', ['europe support security_guarantees']],
  ['an unambiguous title names its party', 'The PM stressed the need for robust security guarantees for Kyiv.', ['europe support security_guarantees']],
  ['"they" skips a name after a preposition', 'European leaders met in London.\nDecisions about Ukraine, they said, cannot be imposed without Kyiv.', ['europe support ukraine_participation']],
  ['a subject that is not a party holds nothing', 'Opinion polls show most voters oppose holding elections during the war.', []],
  ['a belief about another actor is not a claim', 'Trump thinks Zelensky will give up Crimea.', []],
  ['an agreement binds every party to it', 'Trump and Putin agreed during their call that the US would offer security guarantees.', ['russia support security_guarantees', 'usa support security_guarantees']],
  ['an adjectival participle has no holder', 'Putin remains unconvinced by a proposed ceasefire.', []],
  // Orientation and assertions
  ['a speaker asserting a position', 'Trump said in an interview that Crimea will stay with Russia.', ['usa support recognition']],
  ['an assertion is the nearest speaker\'s', 'The talks were useful, a Kremlin aide said, as Trump said that Ukraine will never join NATO.', ['usa oppose nato_membership']],
  // Negation and scope
  ['a purpose clause is not the stance\'s object', 'European leaders pledged to keep Ukraine strong in order to achieve an end to the fighting.', []],
  ['an inverted condition ends the scope', 'France is outlining a reassurance force for Ukraine should a ceasefire be reached.', ['europe support foreign_troops']],
  ['a setting is not the object', 'Russian negotiators tabled a memorandum in a second round of direct talks.', []],
  ['"to see if" is not a stance', 'Everyone waits to see if Russia will accept the ceasefire.', []],
  ['asking for details is not a demand', 'Putin demanded clarity on who would monitor the ceasefire.', []],
  // Documents, plans and lists
  ['a document\'s text is its owner\'s offer', "Washington's plan was sent to Kyiv.\nThe text notes that Ukraine could join the European Union.", ['usa support eu_membership']],
  ['verbless plan items belong to the plan', "What Moscow gets under Washington's plan:\nThe lifting of sanctions.\nA promise that Ukraine will not join NATO.", ['usa oppose nato_membership', 'usa oppose sanctions']],
  ['a sentence after a plan is not an item', "Washington's plan was sent to Kyiv.\nThe issue of territorial concessions remains open.", []],
  ['a plan\'s listed terms are its owner\'s', 'Moscow rejected elements of the US framework, such as a European peacekeeping force.', ['russia oppose foreign_troops', 'usa support foreign_troops']],
  ['"the onus on X to agree" is the speaker\'s demand', 'Macron said the onus was now on Russia to agree to a ceasefire.', ['europe support ceasefire']],
  ['an indirect object is not the subject', 'Moscow offered Kyiv two options: accept an end to Western arms deliveries.', ['russia oppose military_aid']],
  ['a parenthetical source is not the subject', 'A US plan, drafted with input from Russian officials, would require Ukraine to cede land.', ['usa support territory_cession']],
  ['a new speech verb starts a new clause', 'European leaders insisted on talks, and warned that the proposed limits on its armed forces would leave Ukraine exposed.', []],
  // The hypothetical offer is not Washington's; what Ukraine asks in return for its own offer is Ukraine's (spec rule 4).
  ['a stance inside an "if" clause is a hypothesis', 'Zelensky said Ukraine was prepared to give up its aim of joining NATO if Washington offered security guarantees.', ['ukraine oppose nato_membership', 'ukraine support security_guarantees']],
  ['"ready to X if Y agreed to P": P is the offer\'s term', 'Kyiv said it was ready to accept a ceasefire if Moscow agreed to a full prisoner exchange.', ['ukraine support ceasefire', 'ukraine support humanitarian_exchange']],
  ['"offered X in return for P": P is the offer\'s term', 'The Kremlin offered a truce in the Black Sea in return for the lifting of sanctions on its banks.', ['russia oppose sanctions', 'russia support ceasefire']],
  ['a refusal sets no terms', 'Zelensky refused to meet Putin if sanctions were lifted.', ['ukraine oppose leaders_summit']],
  ['an event befalling P is no term', 'Britain pledged to deploy peacekeepers if the ceasefire came under attack.', ['europe support foreign_troops']],
  ['a dropped insistence is not a stance', 'Trump appeared to drop his earlier insistence on a ceasefire.', []],
  ['a second "that" clause belongs to the outer verb', "Russia's memorandum stipulates that Ukraine must withdraw from four regions, and that recognition of Russian sovereignty over them must be granted.", ['russia support recognition', 'russia support territory_cession']],
  ['a deontic\'s target does not hold its coordinated verb', 'Putin said Ukraine should withdraw from the Donetsk region or agree to hold elections.', ['russia support elections', 'russia support territory_cession']],
  ['opposite wording covers its coordinated term', 'Putin demanded a complete end to arms supplies and intelligence sharing.', ['russia oppose military_aid']],
  ['what a draft provides for is its owner\'s offer', "Washington's draft was handed to Kyiv.\nIn return, Ukraine would receive what the document calls guarantees.\nThe draft also provides for elections in Ukraine and a phased lifting of sanctions.", ['usa oppose sanctions', 'usa support elections']],
  ['"unacceptable to X" after the proposition', 'Any deployment of NATO troops to Ukraine would be unacceptable to Moscow.', ['russia oppose foreign_troops']],
  ['a deontic passive after its proposition', 'Zelensky said the fighting should first be halted along the current front line.', ['ukraine support ceasefire', 'ukraine support frontline_freeze']],
  ['a speaker\'s commitment in assertive wording', 'Washington said it would resume military assistance to Kyiv.', ['usa support military_aid']],
  ['"asked for" is a demand', 'Putin reportedly asked for Ukraine to withdraw from the Donetsk region.', ['russia support territory_cession']],
  ['"unless P" states the speaker\'s condition', 'Peskov said there would be no settlement unless Ukrainian forces left the Donbas.', ['russia support territory_cession']],
  ['"only when P" states the speaker\'s condition', 'Putin said the war would end only when Ukrainian troops left the regions Russia claims.', ['russia support territory_cession']],
  ['"it is time to" is the speaker\'s demand', 'Trump said it was time for Ukraine to hold an election.', ['usa support elections']],
  ['"ready to meet X" offers a meeting', 'Zelensky said he was ready to meet Putin in any format.', ['ukraine support leaders_summit']],
  ['"the two sides" are the pair just named', 'Delegations from Russia and Ukraine met in Istanbul.\nThe two sides agreed to a prisoner exchange.', ['russia support humanitarian_exchange', 'ukraine support humanitarian_exchange']],
  ['"these demands" answers the demands just reported', 'Putin demanded that Ukraine withdraw from the Donetsk region.\nZelensky called these demands unacceptable.', ['russia support territory_cession', 'ukraine oppose territory_cession']],
  // Negation and relative clauses
  ['a negator belongs to the nearer verb, not to the proposal after it', 'Zelensky said Kyiv did not accept a US proposal for its troops to leave the Donetsk region.', ['ukraine oppose territory_cession', 'usa support territory_cession']],
  ['"did not accept" refuses', 'Ukraine does not accept a freeze of the front line.', ['ukraine oppose frontline_freeze']],
  ['"has not agreed" is no refusal', 'Moscow has not agreed to an unconditional ceasefire.', []],
  ['a ", which" clause describes, it is not the object', 'Moscow proposed direct talks in Istanbul, which could pave the way to a ceasefire.', ['russia support leaders_summit']],
  ['a ", which means" clause spells out the object', 'Moscow demanded neutrality, which means abandoning NATO membership.', ['russia oppose nato_membership', 'russia support neutrality']],
  ['a plan\'s "would" states its terms', "Washington's plan was handed to Kyiv on Friday.\nUnder the draft, Ukraine's army would be capped at 500,000 troops, and Kyiv would receive strong security guarantees.", ['usa support military_limits', 'usa support security_guarantees']],
  ['a reported "would" after a plan is not the plan\'s', "Washington's plan was handed to Kyiv on Friday.\nA Kremlin aide claimed Ukraine would receive security guarantees.", []],
  ['two nationality adjectives share one body', 'Russian and Ukrainian negotiators agreed to an exchange of prisoners of war.', ['russia support humanitarian_exchange', 'ukraine support humanitarian_exchange']],
  ['a shared body after "to" is an object, not the subject', "Ukraine's memorandum, sent to Russian and Turkish officials, proposes an unconditional ceasefire.", ['ukraine support ceasefire']],
  // Anaphora
  ['"the US proposal" names the proposal\'s content again', 'The US proposal for a 30-day ceasefire was handed to both sides.\nKyiv accepted the US proposal on Tuesday.', ['ukraine support ceasefire', 'usa support ceasefire']],
  ['another owner\'s proposal is another proposal', 'The US proposal for a 30-day ceasefire was handed to both sides.\nKyiv rejected the Russian proposal on Tuesday.', ['usa support ceasefire']],
  ['"this force" names the force just mentioned', 'European leaders discussed a multinational force for Ukraine.\nZelensky backed this force on Friday.', ['ukraine support foreign_troops']],
  ['a demonstrative that heads no recent cue names nothing', 'European leaders discussed a multinational force for Ukraine.\nZelensky backed this approach on Friday.', []],
  // Assertive wording
  ['"Ukraine\'s future lies in the EU" is a position', "Ursula von der Leyen said that Ukraine's future lies in the European Union.", ['europe support eu_membership']],
  ['"it is up to Ukraine to decide" is a position', 'The German chancellor said it was up to Ukraine to decide on its borders.', ['europe support ukraine_participation']],
  ['"Ukraine must be involved in" is a position', 'Kaja Kallas insisted that Ukraine must be involved in any talks on its future.', ['europe support ukraine_participation']],
  ['a question about Ukraine\'s future is no position', "Reporters asked whether Ukraine's future lies in the European Union.", []],
  // Wording of propositions
  ['guarantees given to Ukraine are security guarantees', 'Macron said France was ready to give Ukraine firm guarantees.', ['europe support security_guarantees']],
  ['guarantees asked of Ukraine are not', 'Moscow demanded that Kyiv give Russia guarantees.', []],
  ['"occupied land" recognised as Russian', 'Kyiv will never recognise occupied lands as Russian.', ['ukraine oppose recognition']],
  ['security protocols are security guarantees', 'Rubio said Washington backed the security protocols.', ['usa support security_guarantees']],
  // Stance wording
  ['"would lead a force" offers the force', 'Britain said it would lead a reassurance force in Ukraine.', ['europe support foreign_troops']],
  ['leading a monitoring mechanism is no stance on what it monitors', 'The United States would lead a mechanism to monitor a future ceasefire.', []],
  ['"called on X to" is a demand', 'The Kremlin called on Kyiv to withdraw from the Donetsk region.', ['russia support territory_cession']],
  ['"a say" is no speech verb', "Washington's plan was handed to Kyiv on Friday.\nUkraine would keep a say over its EU membership bid.", ['usa support eu_membership']],
  ['an attribution noun before the subject is no verb', 'In a joint statement, European leaders welcomed the talks.\nThey said it was up to Ukraine to decide on its borders.', ['europe support ukraine_participation']],
  ['a speaker set off inside a cue still speaks', 'European leaders met in Paris.\nDecisions on territory, they said, were for Ukraine to take.', ['europe support ukraine_participation']],
  ['a purpose clause is not what a document states', 'European leaders issued a joint statement on Sunday.\n"We are determined to keep Ukraine strong in order to achieve an end to the fighting," the statement said.', []],
  ['what a document states with no stance cut off still counts', 'European leaders issued a joint statement on Sunday.\n"Ukraine deserves an end to the fighting now," the statement said.', ['europe support ceasefire']],
  ['a frozen front line a few words on', "Washington's plan was handed to Kyiv on Friday.\nUnder the draft, the front lines across the two contested southern regions would then be frozen.", ['usa support frontline_freeze']],
  ['"a vote once martial law ends" is an election', 'The Kremlin called for a vote in Ukraine once martial law ends.', ['russia support elections']],
  ['a vote elsewhere is not', 'The Kremlin called for a vote at the United Nations.', []],
  ['frozen Russian assets are economic pressure', "Kaja Kallas said Russia's sovereign assets must remain frozen.", ['europe support sanctions']],
  ['"the best option is to" is the speaker\'s demand', 'Zelensky said the best option was to freeze the front line.', ['ukraine support frontline_freeze']],
  ['"the best option" in an analyst\'s mouth is no party\'s', 'Analysts said the best option was to freeze the front line.', []],
  // Owners of stance nouns
  ['"welcomed X\'s willingness to" gives both parties', "European leaders welcomed Trump's willingness to provide security guarantees.", ['europe support security_guarantees', 'usa support security_guarantees']],
  ['a nationality adjective owns "readiness"', 'Kyiv welcomed the Russian readiness to hold a prisoner exchange.', ['russia support humanitarian_exchange', 'ukraine support humanitarian_exchange']],
  ['"the European proposal" is Europe\'s', 'The European proposal includes a 30-day ceasefire.', ['europe support ceasefire']],
  ['an outer verb that is no stance adds nobody', "Moscow mocked Kyiv's willingness to hold a prisoner exchange.", ['ukraine support humanitarian_exchange']],
  ['"needs" is a demand', 'Zelensky said Ukraine needs reliable security guarantees.', ['ukraine support security_guarantees']],
  ['what a non-party needs is no stance', 'Zelensky said the army needs more troops.', []],
  ['what Ukraine needs is the speaker\'s demand', 'Ukraine needs reliable security guarantees, Macron said.', ['europe support security_guarantees']],
  ['"open to meeting X" offers a meeting', 'Putin said he was open to meeting Zelensky.', ['russia support leaders_summit']],
  ['troops called legitimate targets are opposed', 'Lavrov said Moscow would regard any Western troops in Ukraine as legitimate targets.', ['russia oppose foreign_troops']],
  ['energy sites called legitimate targets are no troops', 'Lavrov said Moscow would regard energy sites as legitimate targets.', []],
  ['"pushed X to accept" is the pusher\'s demand, not X\'s acceptance', 'Trump has pushed Zelensky to accept a ceasefire.', ['usa support ceasefire']],
  ['threatening sanctions supports them', 'Trump threatened new sanctions on Russia.', ['usa support sanctions']],
  ['stepping up pressure supports sanctions', 'Macron said Europe would increase pressure on Moscow.', ['europe support sanctions']],
  ['sanctions imposed in the past are an act, not a stance', 'The EU imposed sanctions on Russian banks last year.', []],
  ['"hopes to" is a demand', 'Zelensky hopes to meet Putin.', ['ukraine support leaders_summit']],
  ['"not … until P" states the speaker\'s condition', 'Putin said the war would not end until Ukrainian troops withdraw from the Donetsk region.', ['russia support territory_cession']],
  ['"until" after a clause that is not negated is only time', 'Putin said the fighting went on until Ukrainian troops withdrew from the Donetsk region.', []],
  ['"to be neutral" is neutrality', 'The Kremlin made clear it wants Ukraine to be neutral.', ['russia support neutrality']],
  ['a neutral mediator is not', 'The Kremlin wants Turkey to remain a neutral host.', []],
  ['"interested in" offers', 'Russia is interested in restoring economic ties with the US.', ['russia support normalization']],
  ['"X\'s position is:" names the speaker', "Moscow's position remains unchanged: Ukraine must withdraw from the Donbas.", ['russia support territory_cession']],
  ['"stop the war" is a ceasefire', 'Trump called on Putin to stop the war.', ['usa support ceasefire']],
  ['"supporting Ukraine militarily" is military aid', 'European leaders vowed to continue supporting Ukraine militarily.', ['europe support military_aid']],
  ['an agreement with partners binds the partners too', 'Washington reached separate agreements with Moscow and Kyiv to halt strikes on energy facilities.', ['russia support ceasefire', 'ukraine support ceasefire', 'usa support ceasefire']],
  ['a passive with two agents still names both', 'Moscow rejected a truce pushed by Washington and Kyiv.', ['russia oppose ceasefire', 'ukraine support ceasefire', 'usa support ceasefire']],
  ['a deal "without strong protections" is opposed for want of guarantees', 'Macron warned against any deal made without strong protections for Ukraine.', ['europe support security_guarantees']],
  ['protections for civilians are no security guarantees', 'Zelensky demanded strong protections for civilians in occupied areas.', []],
  ['sanctions that stay in place are supported', 'Kallas said EU sanctions on Russia would stay in place.', ['europe support sanctions']],
  ['"could only begin after P" states the speaker\'s condition', 'Putin said a ceasefire could only begin after Ukraine withdraws from the Donbas.', ['russia support territory_cession']],
  ['"only two hours after P" is time, not a condition', 'Putin said the fighting stopped for only two hours after Ukraine withdrew from the Donbas.', []],
  ['"not against" consents', '"We are not against a ceasefire, but there are details to settle," Putin said.', ['russia support ceasefire']],
  ['"did not reject" leaves it open', 'Kyiv did not reject the idea of a ceasefire.', []],
  ['"recognise the occupation" is recognition', '"We will never recognise the occupation," Zelensky said.', ['ukraine oppose recognition']],
  ['"the delegations" are every party of a three-way list', 'Negotiators from Ukraine, Russia and the United States met in Geneva.\nBoth Kyiv and Washington called the talks useful.\nThe delegations agreed to meet again next week.', ['russia support leaders_summit', 'ukraine support leaders_summit', 'usa support leaders_summit']],
  ['"the two sides" stay the pair named last', 'Negotiators from Ukraine, Russia and the United States met in Geneva.\nKyiv and Moscow then held separate talks.\nThe two sides agreed to a prisoner exchange.', ['russia support humanitarian_exchange', 'ukraine support humanitarian_exchange']],
  ['an object before "on terms of" owns no terms', "Trump's envoy tried to convince Putin on terms of a ceasefire deal.", ['usa support ceasefire']],
  // ", as" and ", with" open a new clause, unless they add an item or describe
  ['", with" and a new subject ends the stance\'s reach', "The Kremlin welcomed the talks, with Ukraine's NATO membership still on the agenda.", []],
  ['", as" and a new subject ends the stance\'s reach', 'Moscow demanded the talks continue, as sanctions relief stayed on the table.', []],
  ['", as well as" adds an item to the stance', 'Moscow demanded that Kyiv accept neutrality, as well as a ban on foreign troops.', ['russia oppose foreign_troops', 'russia support neutrality']],
  ['", with a" describes, the stance reaches on', 'The Kremlin called for a ceasefire, with a deal that would freeze the front line.', ['russia support ceasefire', 'russia support frontline_freeze']],
  // "expects to" is the subject's own plan; "is expected to" and "expected X to" predict
  ['"X expected to meet Y" is X\'s plan', 'Trump said he expected to meet Putin in Budapest within weeks.', ['usa support leaders_summit']],
  ['"expects to sign" an agreement on P', 'Zelensky expects to sign an agreement on security guarantees with Washington.', ['ukraine support security_guarantees']],
  ['"are expected to meet" is a prediction', 'Putin and Zelensky are expected to meet in Istanbul next week.', []],
  ['"expected X to accept" is a belief about X', 'Trump expected Putin to accept the ceasefire.', []],
  // A judgment: "considers P premature", "called P a first step"
  ['"considers P premature" opposes P', 'Washington considers a delivery of long-range missiles premature.', ['usa oppose military_aid']],
  ['"called P unacceptable" opposes P', 'Kyiv called a freeze of the front line unacceptable.', ['ukraine oppose frontline_freeze']],
  ['"called P a first step" supports P', 'Zelensky called the prisoner exchange a first step towards peace.', ['ukraine support humanitarian_exchange']],
  ['a negated judgment is no stance', 'Moscow does not consider a ceasefire premature.', []],
  ['"a step back" is no support', 'Kyiv called the ceasefire a step back.', []],
  // "the pledge" names again what was pledged
  ['"called the pledge a first step" supports what was pledged', 'Ten European countries pledged to deploy troops to Ukraine after a ceasefire, Macron said.\nZelensky called the pledge a welcome first step.', ['europe support foreign_troops', 'ukraine support foreign_troops']],
  ['"rejected the pledge" opposes what was pledged', 'France pledged to send peacekeepers to Ukraine.\nMoscow rejected the pledge outright.', ['europe support foreign_troops', 'russia oppose foreign_troops']],
  ['a refused commitment is no pledge to name again', 'Poland refused to commit to sending troops to Ukraine.\nZelensky called the commitment a first step.', ['europe oppose foreign_troops']],
  ['"the pledge" with no pledge before names nothing', 'Zelensky called the pledge a first step.', []],
  ['a possessor still owns its terms', "Washington rejected Moscow's terms for a ceasefire.", ['russia support ceasefire', 'usa oppose ceasefire']],
];

describe('extractClaims', () => {
  it.each(cases)('%s', (_name, sentence, expected) => {
    expect(claimsOf(sentence)).toEqual(expected);
  });

  it('resolves "the memorandum" to the party that tabled it', () => {
    const text = "Russia's memorandum was handed over in Istanbul.\nThe memorandum demands official status for the Russian language.";
    expect(claimsOf(text)).toEqual(['russia support language_culture']);
  });

  it('marks hedged and conditional claims and names the rule', () => {
    const rawText = 'Peace talks resumed as negotiators met.\nPutin reportedly would agree to a ceasefire if Western arms deliveries stopped.';
    const [claim] = runPipeline({ origin: 't.txt', rawText }, undefined, RULES).claims.filter((c) => c.proposition === 'ceasefire');
    expect(claim).toMatchObject({ actor: 'russia', polarity: 'support', hedged: true, conditional: true });
    expect(claim?.rule).toMatch(/\//);
  });

  it('yields nothing for a document off the pack topic', () => {
    const rawText = 'Drones struck the capital overnight. Putin was not mentioned in the ceasefire-free night of strikes on power lines.';
    expect(runPipeline({ origin: 't.txt', rawText }, undefined, RULES).claims).toEqual([]);
  });
});
