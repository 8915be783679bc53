/**
 * The widget's own words in every language the assistant speaks (one block per
 * language, in the assistant's order: the first is the default), the choice of
 * the starting language, and a small guess of a message's language for its
 * `lang` attribute (screen readers pick their voice from it). Each block also
 * gives the language's own name (its button), the letters only it writes, and
 * frequent words only it uses: a new language is a new block, no code.
 */

export const STRINGS = {
  en: {
    languageName: "English",
    letters: null,
    words: ("the is are and of in to yes no hello hi help you can about source what does " +
      "do a an there which where how why with thanks please estonia estonian defence").split(" "),
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
    languageName: "Eesti",
    letters: /[õäöüšž]/i,
    words: ("ja on ei jah kas see mis kus mida eesti eestil eestit tere abi aitäh " +
      "palun võite küsida allikas ning ka oma kohta riigis riigiga kaitseatašee kaitseatašeed").split(" "),
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
  ru: {
    languageName: "Русский",
    letters: /[\u0400-\u04ff]/,
    words: [],
    title: "Помощник по оборонному сотрудничеству",
    subtitle: "Ответы о международном оборонном сотрудничестве Эстонии",
    open: "Задать вопрос помощнику",
    close: "Закрыть чат",
    languageGroup: "Язык",
    inputLabel: "Ваш вопрос",
    placeholder: "Введите свой вопрос…",
    send: "Отправить",
    conversation: "Диалог",
    you: "Вы",
    bot: "Помощник",
    connecting: "Подключение…",
    connected: "Подключено",
    lost: "Соединение прервано. Подключаемся снова…",
    offline: "Помощник сейчас недоступен. Пробуем снова…",
    queued: "Ваше сообщение будет отправлено, когда соединение восстановится.",
    image: "Изображение от помощника",
    newTab: "открывается в новой вкладке",
    suggestions: "Предлагаемые темы",
    emptyInput: "Пожалуйста, сначала введите вопрос.",
    welcome: "Здравствуйте! Спросите меня о международном оборонном сотрудничестве Эстонии или напишите «помощь», чтобы увидеть темы.",
  },
};

export const LANGUAGES = Object.keys(STRINGS);
const WORDS = Object.fromEntries(LANGUAGES.map((language) => [language, new Set(STRINGS[language].words)]));

/** The widget's language for a language tag such as "et-EE", or null. */
export function languageOf(tag) {
  const base = String(tag || "").trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.includes(base) ? base : null;
}

/** The configured language, else the page's lang, else the browser's first known language, else the first. */
export function startingLanguage(configured) {
  const candidates = [configured, document.documentElement.lang, ...(navigator.languages || [navigator.language])];
  for (const tag of candidates) {
    const language = languageOf(tag);
    if (language) return language;
  }
  return LANGUAGES[0];
}

/** The one language among `candidates` with the highest score, or null on a tie or no score. */
function best(scores) {
  const top = Math.max(0, ...Object.values(scores));
  const leaders = Object.keys(scores).filter((language) => scores[language] === top);
  return top > 0 && leaders.length === 1 ? leaders[0] : null;
}

/** A language for a message: its own letters, else its frequent words, else fallback ("NATO?"). */
export function guessLanguage(text, fallback) {
  const byLetters = LANGUAGES.filter((language) => STRINGS[language].letters?.test(text));
  if (byLetters.length === 1) return byLetters[0];
  const scores = Object.fromEntries(LANGUAGES.map((language) => [language, 0]));
  for (const word of String(text).toLowerCase().match(/\p{L}+/gu) || []) {
    for (const language of LANGUAGES) {
      if (WORDS[language].has(word)) scores[language] += 1;
    }
  }
  return best(scores) || fallback;
}
