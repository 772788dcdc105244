// The document page with JavaScript: "Find in this report" marks the words in place (the page
// itself, fetched with the new words, gives the marked text and the count in the reader's
// language: Izde's own morphology, as without JavaScript) and the buttons, or Enter and
// Shift+Enter in the box, go from match to match. Without JavaScript the form reloads the page
// with the words marked, at the first of them.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector(".search-within");
  const text = document.getElementById("full-text");
  if (!form || !text) {
    return;
  }
  const input = form.querySelector('input[name="q"]');
  const count = document.getElementById("match-count");
  const nav = form.querySelector(".match-nav");
  const position = nav.querySelector(".match-position");
  let marks = [];
  let current = -1;
  let searched = input.value;

  function show(index) {
    if (!marks.length) {
      return;
    }
    if (current >= 0 && marks[current]) {
      marks[current].classList.remove("current");
    }
    current = (index + marks.length) % marks.length;
    const mark = marks[current];
    mark.classList.add("current");
    mark.scrollIntoView({ block: "center" });
    position.textContent = position.dataset.template
      .replace("{current}", String(current + 1))
      .replace("{total}", String(marks.length));
    history.replaceState(history.state, "", "#" + mark.id);
  }

  function collect() {
    marks = Array.from(text.querySelectorAll("mark[id]"));
    current = -1;
    nav.hidden = marks.length === 0;
    position.textContent = "";
    const wanted = /^#match-(\d+)$/.exec(location.hash);
    if (wanted && marks.length) {
      show(Math.min(Number(wanted[1]), marks.length) - 1);
    }
  }

  async function find() {
    const params = new URLSearchParams(new FormData(form));
    const url = form.action.split("#")[0].split("?")[0] + "?" + params.toString();
    let page;
    try {
      const response = await fetch(url, { headers: { Accept: "text/html" } });
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      page = new DOMParser().parseFromString(await response.text(), "text/html");
    } catch (error) {
      window.location.assign(url + "#match-1");
      return;
    }
    const newText = page.getElementById("full-text");
    const newCount = page.getElementById("match-count");
    if (!newText || !newCount) {
      window.location.assign(url + "#match-1");
      return;
    }
    text.replaceChildren(...Array.from(newText.childNodes, (node) => document.importNode(node, true)));
    count.textContent = newCount.textContent;
    searched = input.value;
    history.replaceState(history.state, "", url);
    collect();
    show(0);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (input.value === searched && marks.length) {
      show(current + 1); // Enter again: the next match, as a browser's own find does
    } else {
      find();
    }
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.shiftKey && input.value === searched && marks.length) {
      event.preventDefault();
      show(current - 1);
    }
  });
  for (const button of nav.querySelectorAll("button[data-step]")) {
    button.addEventListener("click", () => show(current + Number(button.dataset.step)));
  }
  collect();
});
