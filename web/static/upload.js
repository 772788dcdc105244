// The upload page with JavaScript: files dropped on the zone (or several chosen at once) get a
// row each, with its own title, date, event type, language and author; the form is then sent
// as without JavaScript. Nothing here is needed to upload.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("upload-form");
  const zone = document.getElementById("drop-zone");
  const rows = document.getElementById("upload-rows");
  if (!form || !zone || !rows || typeof DataTransfer === "undefined") {
    return;
  }
  zone.hidden = false;

  function freeRow() {
    for (const row of rows.querySelectorAll(".upload-row")) {
      if (row.querySelector('input[type="file"]').files.length === 0) {
        return row;
      }
    }
    const last = rows.querySelector(".upload-row:last-of-type");
    const number = rows.querySelectorAll(".upload-row").length;
    const row = last.cloneNode(true);
    row.dataset.row = String(number);
    for (const element of row.querySelectorAll("[id], [name], label[for]")) {
      for (const attribute of ["id", "name", "for"]) {
        const value = element.getAttribute(attribute);
        if (value) {
          element.setAttribute(attribute, value.replace(/-\d+$/, "-" + number));
        }
      }
      if (element.value !== undefined && element.tagName !== "OPTION") {
        element.value = "";
      }
    }
    row.querySelector("legend").textContent = row.querySelector("legend").textContent.replace(/\d+/, String(number + 1));
    rows.appendChild(row);
    return row;
  }

  function place(files) {
    for (const file of files) {
      const input = freeRow().querySelector('input[type="file"]');
      const one = new DataTransfer();
      one.items.add(file);
      input.files = one.files;
      input.removeAttribute("multiple");
    }
  }

  // Several files chosen in one input: one row each.
  rows.addEventListener("change", (event) => {
    const input = event.target;
    if (input.type === "file" && input.files.length > 1) {
      const files = Array.from(input.files);
      input.value = "";
      place(files);
    }
  });
  for (const name of ["dragenter", "dragover"]) {
    zone.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  }
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    place(Array.from(event.dataTransfer.files));
  });
});
