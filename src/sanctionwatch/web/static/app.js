// The UI's only script: filter forms submit on change; decisions ask once before saving.
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[data-autosubmit]")) {
    for (const select of form.querySelectorAll("select")) {
      select.addEventListener("change", () => form.requestSubmit());
    }
  }
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      const verdict = form.querySelector("select[name=verdict]").value.replace("_", " ");
      if (form.dataset.confirmed !== "yes" && !window.confirm(`Record "${verdict}"?`)) {
        event.preventDefault();
      }
    });
  }
});
