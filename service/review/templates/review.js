"use strict";
(function () {
  // Marks and records share ids: a mark lists every record covering it in data-records.
  const marks = Array.from(document.querySelectorAll("mark[data-records]"));
  const records = Array.from(document.querySelectorAll(".record[data-record]"));
  const status = document.getElementById("status");
  const recordsOf = (mark) => mark.dataset.records.split(" ");

  function select(ids, from) {
    const wanted = new Set(ids);
    let firstMark = null;
    let firstRecord = null;
    for (const m of marks) {
      const on = recordsOf(m).some((id) => wanted.has(id));
      m.classList.toggle("selected", on);
      if (on && !firstMark) firstMark = m;
    }
    for (const r of records) {
      const on = wanted.has(r.dataset.record);
      r.classList.toggle("selected", on);
      if (on && !firstRecord) firstRecord = r;
    }
    const target = from === "record" ? firstMark : firstRecord;
    if (target) target.scrollIntoView({ block: "center", behavior: "auto" });
    const count = marks.filter((m) => m.classList.contains("selected")).length;
    // Rows of several tables may share a record (a figure and the facts about it): name it once.
    const names = Array.from(new Set(
      records.filter((r) => r.classList.contains("selected")).map((r) => r.dataset.label)
    ));
    status.textContent = names.length
      ? "Selected " + names.join(", ") + ": " + count + " highlighted passage(s)."
      : "Nothing in the article backs this record.";
  }

  function activate(element, handler) {
    element.addEventListener("click", handler);
    element.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        handler();
      }
    });
  }

  for (const m of marks) activate(m, () => select(recordsOf(m), "mark"));
  for (const r of records) activate(r, () => select([r.dataset.record], "record"));
})();
