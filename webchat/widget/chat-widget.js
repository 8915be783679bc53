/**
 * The embeddable chat widget: a launcher button and a chat panel that talk to
 * Rasa's socket.io channel. A page adds it with one tag,
 *
 *   <script type="module" src="https://assistant.example/widget/chat-widget.js"
 *           data-server-url="https://assistant.example" data-language="et"></script>
 *
 * or sets window.defenceChatConfig = {serverUrl, language, title} before it.
 * The widget keeps the conversation across reloads (sessionStorage + Rasa's
 * session persistence), speaks every language of strings.js, and builds every message
 * from text nodes, so markup in messages never runs.
 */

import { SocketIOClient } from "./socket.js";
import { renderMarkdown, safeUrl } from "./render.js";
import { STRINGS, LANGUAGES, guessLanguage, languageOf, startingLanguage } from "./strings.js";
import { ConversationStore } from "./store.js";

const ANNOUNCED_KEPT = 5;

function readConfig() {
  const script = Array.from(document.scripts).find((s) => s.src && s.src === import.meta.url);
  const data = script ? script.dataset : {};
  const global = window.defenceChatConfig || {};
  const title = global.title || data.title || null;
  return {
    serverUrl: new URL(global.serverUrl || data.serverUrl || window.location.origin, window.location.href).origin,
    language: global.language || data.language || null,
    title: typeof title === "string" ? Object.fromEntries(LANGUAGES.map((language) => [language, title])) : title,
  };
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/** A speech-bubble icon drawn inline (an emoji needs a font the reader may not have). */
function chatIcon() {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "dcw-launcher-icon");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H10l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
  path.setAttribute("fill", "currentColor");
  svg.append(path);
  return svg;
}

/** A bot_uttered payload (or REST-style message) as the stored message shape. */
export function normaliseBotMessage(data, fallbackLanguage) {
  const message = { from: "bot" };
  if (data && typeof data.text === "string") message.text = data.text;
  const attachment = data && data.attachment;
  const src = attachment && attachment.type === "image" && attachment.payload && attachment.payload.src;
  const image = (data && typeof data.image === "string" && data.image) || src;
  if (typeof image === "string" && safeUrl(image)) message.image = safeUrl(image);
  const buttons = (data && (data.quick_replies || data.buttons)) || [];
  const replies = Array.isArray(buttons)
    ? buttons.filter((b) => b && typeof b.title === "string" && typeof b.payload === "string")
      .map((b) => ({ title: b.title, payload: b.payload }))
    : [];
  if (replies.length) message.replies = replies;
  message.lang = guessLanguage(message.text || "", fallbackLanguage);
  return message;
}

class ChatWidget {
  constructor(config) {
    this.config = config;
    this.store = new ConversationStore(config.serverUrl);
    this.language = languageOf(this.store.get("language", null)) || startingLanguage(config.language);
    this.languageChosen = this.store.get("languageChosen", false) === true;
    this.lastBotLanguage = this.language;
    this.build();
    this.applyLanguage();
    for (const message of this.store.messages()) this.show(message, { restoring: true });
    this.refreshReplies();
    if (this.store.get("open", false) === true) this.open({ focus: false });
  }

  get strings() {
    return STRINGS[this.language];
  }

  build() {
    const stylesheet = element("link", { rel: "stylesheet", href: new URL("./chat-widget.css", import.meta.url).href });
    document.head.append(stylesheet);

    this.launcherText = element("span");
    this.launcher = element("button", { type: "button", class: "dcw-launcher", "aria-expanded": "false",
      "aria-controls": "dcw-panel" }, chatIcon(),
    this.launcherText);
    this.launcher.addEventListener("click", () => this.open({ focus: true }));

    this.title = element("h2", { id: "dcw-title", class: "dcw-title" });
    this.subtitle = element("p", { id: "dcw-subtitle", class: "dcw-subtitle" });
    this.languageButtons = LANGUAGES.map((language) => {
      const button = element("button", { type: "button", class: "dcw-language", lang: language },
        STRINGS[language].languageName);
      button.addEventListener("click", () => this.setLanguage(language, { chosen: true }));
      return button;
    });
    this.languageGroup = element("div", { role: "group", class: "dcw-languages" }, ...this.languageButtons);
    this.closeButton = element("button", { type: "button", class: "dcw-close" },
      element("span", { "aria-hidden": "true" }, "×"));
    this.closeButton.addEventListener("click", () => this.close());

    this.messages = element("ol", { class: "dcw-messages" });
    this.welcome = element("p", { class: "dcw-welcome" });
    this.log = element("div", { class: "dcw-log", role: "region", tabindex: "0" }, this.welcome, this.messages);
    this.status = element("p", { class: "dcw-status", role: "status" });
    this.live = element("div", { class: "dcw-visually-hidden dcw-live", "aria-live": "polite",
      "aria-relevant": "additions" });

    this.inputLabel = element("label", { for: "dcw-input", class: "dcw-visually-hidden" });
    this.input = element("input", { id: "dcw-input", class: "dcw-input", type: "text", autocomplete: "off",
      enterkeyhint: "send" });
    this.sendButton = element("button", { type: "submit", class: "dcw-send" });
    this.form = element("form", { class: "dcw-form" }, this.inputLabel, this.input, this.sendButton);
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.sendText();
    });

    const header = element("div", { class: "dcw-header" }, this.title, this.languageGroup, this.closeButton,
      this.subtitle);
    this.panel = element("section", { id: "dcw-panel", class: "dcw-panel", role: "dialog",
      "aria-labelledby": "dcw-title", "aria-describedby": "dcw-subtitle" },
    header, this.log, this.status, this.form, this.live);
    this.panel.hidden = true;
    this.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        this.close();
      }
    });

    this.root = element("div", { class: "dcw-root" }, this.launcher, this.panel);
    document.body.append(this.root);
  }

  applyLanguage() {
    const s = this.strings;
    const title = (this.config.title && this.config.title[this.language]) || s.title;
    this.root.lang = this.language;
    this.launcherText.textContent = s.open;
    this.title.textContent = title;
    this.subtitle.textContent = s.subtitle;
    this.languageGroup.setAttribute("aria-label", s.languageGroup);
    for (const button of this.languageButtons) {
      button.setAttribute("aria-pressed", String(button.lang === this.language));
    }
    this.closeButton.setAttribute("aria-label", s.close);
    this.log.setAttribute("aria-label", s.conversation);
    this.inputLabel.textContent = s.inputLabel;
    this.input.placeholder = s.placeholder;
    this.sendButton.textContent = s.send;
    this.welcome.textContent = s.welcome;
    for (const label of this.root.querySelectorAll("[data-sender]")) {
      label.textContent = `${label.dataset.sender === "user" ? s.you : s.bot}: `;
    }
    for (const group of this.root.querySelectorAll(".dcw-replies")) group.setAttribute("aria-label", s.suggestions);
    for (const image of this.root.querySelectorAll(".dcw-image")) image.alt = s.image;
    if (this.statusKey) this.status.textContent = s[this.statusKey];
  }

  setLanguage(language, { chosen = false } = {}) {
    if (!LANGUAGES.includes(language)) return;
    this.language = language;
    this.store.set("language", language);
    if (chosen) {
      this.languageChosen = true;
      this.store.set("languageChosen", true);
    }
    this.applyLanguage();
  }

  open({ focus = true } = {}) {
    this.panel.hidden = false;
    this.launcher.hidden = true;
    this.launcher.setAttribute("aria-expanded", "true");
    this.store.set("open", true);
    this.connect();
    this.scrollToLatest();
    if (focus) this.input.focus();
  }

  close() {
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute("aria-expanded", "false");
    this.store.set("open", false);
    this.launcher.focus();
  }

  connect() {
    if (this.socket) return;
    this.socket = new SocketIOClient(this.config.serverUrl, {
      onStatus: (state) => this.setStatus(state === "connected" ? null : state),
      onEvent: (name, data) => {
        if (name === "connect") this.socket.emit("session_request", { session_id: this.store.sessionId() });
        else if (name === "bot_uttered") this.receive(data);
      },
    });
    this.socket.open();
  }

  setStatus(key) {
    this.statusKey = key;
    this.status.textContent = key ? this.strings[key] : "";
  }

  /** Sends typed text, or a quick reply's payload shown as its title. */
  send(message, shown) {
    this.connect();
    const data = { message, session_id: this.store.sessionId() };
    if (this.languageChosen) data.customData = { language: this.language };
    const record = { from: "user", text: shown, lang: guessLanguage(shown, this.language) };
    this.store.addMessage(record);
    this.show(record);
    this.refreshReplies();
    if (!this.socket.connected) this.setStatus("queued");
    this.socket.emit("user_uttered", data);
  }

  sendText() {
    const text = this.input.value.trim();
    if (!text) {
      this.setStatus("emptyInput");
      this.input.focus();
      return;
    }
    this.input.value = "";
    if (this.statusKey === "emptyInput") this.setStatus(null);
    this.send(text, text);
  }

  receive(data) {
    const message = normaliseBotMessage(data, this.lastBotLanguage);
    if (!message.text && !message.image && !message.replies) return;
    this.lastBotLanguage = message.lang;
    this.store.addMessage(message);
    this.show(message);
    this.refreshReplies();
  }

  /** Renders one stored message; new bot messages are also read out through the live region. */
  show(message, { restoring = false } = {}) {
    const s = this.strings;
    const isUser = message.from === "user";
    const lang = languageOf(message.lang) || this.language;
    const sender = element("span", { class: "dcw-visually-hidden", "data-sender": isUser ? "user" : "bot",
      lang: this.language }, `${isUser ? s.you : s.bot}: `);
    const bubble = element("div", { class: "dcw-bubble" });
    if (typeof message.text === "string") {
      if (isUser) bubble.append(element("p", {}, message.text));
      else bubble.append(renderMarkdown(message.text, s));
    }
    if (message.image && safeUrl(message.image)) {
      bubble.append(element("img", { class: "dcw-image", src: safeUrl(message.image), alt: s.image, loading: "lazy" }));
    }
    const item = element("li", { class: `dcw-message ${isUser ? "dcw-user" : "dcw-bot"}`, lang }, sender, bubble);
    if (message.replies) item.dataset.replies = JSON.stringify(message.replies);
    this.messages.append(item);
    if (!isUser) this.lastBotLanguage = lang;
    if (!isUser && !restoring) this.announce(message, lang);
    this.scrollToLatest();
  }

  /** Quick replies are offered only under the latest message, and only until the user answers. */
  refreshReplies() {
    for (const group of this.messages.querySelectorAll(".dcw-replies")) group.remove();
    const last = this.messages.lastElementChild;
    if (!last || !last.dataset.replies) return;
    const group = element("div", { class: "dcw-replies", role: "group", "aria-label": this.strings.suggestions });
    for (const reply of JSON.parse(last.dataset.replies)) {
      const button = element("button", { type: "button", class: "dcw-reply", "data-payload": reply.payload },
        reply.title);
      button.addEventListener("click", () => {
        this.send(reply.payload, reply.title);
        this.input.focus();
      });
      group.append(button);
    }
    last.append(group);
    this.scrollToLatest();
  }

  announce(message, lang) {
    const text = [message.text || "", message.image ? this.strings.image : ""].filter(Boolean).join(" ");
    if (!text) return;
    this.live.append(element("p", { lang }, text));
    while (this.live.childElementCount > ANNOUNCED_KEPT) this.live.firstElementChild.remove();
  }

  /** Scrolls to the newest messages, but never past the user's last question: a long
   * reply is read from its first line, with the question it answers still in view. */
  scrollToLatest() {
    const end = this.log.scrollHeight - this.log.clientHeight;
    const users = this.messages.querySelectorAll(".dcw-user");
    const question = users[users.length - 1];
    if (!question) {
      this.log.scrollTop = end;
      return;
    }
    const logTop = this.log.getBoundingClientRect().top;
    const questionTop = question.getBoundingClientRect().top - logTop + this.log.scrollTop;
    const margin = 8;
    this.log.scrollTop = Math.max(0, Math.min(end, questionTop - margin));
  }

  /** For host pages and tests: shows a message as if the bot had sent it (not stored). */
  showBotMessage(data) {
    const message = normaliseBotMessage(data, this.language);
    this.show(message);
    this.refreshReplies();
  }
}

if (!window.DefenceChat) {
  const start = () => {
    const widget = new ChatWidget(readConfig());
    window.DefenceChat = {
      open: () => widget.open(),
      close: () => widget.close(),
      setLanguage: (language) => widget.setLanguage(language, { chosen: true }),
      showBotMessage: (data) => widget.showBotMessage(data),
    };
    document.dispatchEvent(new CustomEvent("defencechat:ready"));
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
