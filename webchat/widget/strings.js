/**
 * The widget's own words in English and Estonian, the choice of the starting
 * language, and a small guess of a message's language for its `lang` attribute
 * (screen readers pick their voice from it).
 */

export const LANGUAGES = ["en", "et"];

export const STRINGS = {
  en: {
    title: "Defence cooperation assistant",
    subtitle: "Answers about Estonia's international defence cooperation",
    open: "Ask the assistant",
    close: "Close the chat",
    languageGroup: "Language",
    inputLabel: "Your question",
    placeholder: "Type your question…",
    send: "Send",
    conversation: "Conversation",
    you: "You",
    bot: "Assistant",
    connecting: "Connecting…",
    connected: "Connected",
    lost: "The connection was lost. Reconnecting…",
    offline: "The assistant cannot be reached right now. Trying again…",
    queued: "Your message will be sent when the connection is back.",
    image: "Image sent by the assistant",
    newTab: "opens in a new tab",
    suggestions: "Suggested topics",
    emptyInput: "Please type a question first.",
    welcome: "Hello! Ask me about Estonia's international defence cooperation, or type “help” to see the topics.",
  },
  et: {
    title: "Kaitsekoostöö assistent",
    subtitle: "Vastused Eesti rahvusvahelise kaitsekoostöö kohta",
    open: "Küsige assistendilt",
    close: "Sulge vestlus",
    languageGroup: "Keel",
    inputLabel: "Teie küsimus",
    placeholder: "Kirjutage oma küsimus…",
    send: "Saada",
    conversation: "Vestlus",
    you: "Teie",
    bot: "Assistent",
    connecting: "Ühendan…",
    connected: "Ühendatud",
    lost: "Ühendus katkes. Ühendan uuesti…",
    offline: "Assistent ei ole praegu kättesaadav. Proovin uuesti…",
    queued: "Teie sõnum saadetakse, kui ühendus taastub.",
    image: "Assistendi saadetud pilt",
    newTab: "avaneb uues vahekaardis",
    suggestions: "Soovitatud teemad",
    emptyInput: "Palun kirjutage kõigepealt küsimus.",
    welcome: "Tere! Küsige minult Eesti rahvusvahelise kaitsekoostöö kohta või kirjutage „abi“, et teemasid näha.",
  },
};

/** "et" or "en" for a language tag such as "et-EE", or null. */
export function languageOf(tag) {
  const base = String(tag || "").trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.includes(base) ? base : null;
}

/** The configured language, else the page's lang, else the browser's first known language, else English. */
export function startingLanguage(configured) {
  const candidates = [configured, document.documentElement.lang, ...(navigator.languages || [navigator.language])];
  for (const tag of candidates) {
    const language = languageOf(tag);
    if (language) return language;
  }
  return "en";
}

const ESTONIAN_LETTERS = /[õäöüšž]/i;
const ESTONIAN_WORDS = new Set(("ja on ei jah kas see mis kus mida eesti eestil eestit tere abi aitäh " +
  "palun võite küsida allikas ning ka oma kohta riigis riigiga kaitseatašee kaitseatašeed ").split(" "));
const ENGLISH_WORDS = new Set(("the is are and of in to yes no hello hi help you can about source what does " +
  "do a an there which where how why with thanks please estonia estonian defence").split(" "));

/** "et" or "en" for a message, or fallback when the text gives no clue (e.g. "NATO?"). */
export function guessLanguage(text, fallback) {
  if (ESTONIAN_LETTERS.test(text)) return "et";
  let et = 0, en = 0;
  for (const word of String(text).toLowerCase().match(/\p{L}+/gu) || []) {
    if (ESTONIAN_WORDS.has(word)) et += 1;
    if (ENGLISH_WORDS.has(word)) en += 1;
  }
  if (et > en) return "et";
  if (en > et) return "en";
  return fallback;
}
