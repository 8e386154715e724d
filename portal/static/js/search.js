// Search page enhancement: apply a filter as soon as it is ticked. Without JS the
// "Apply filters" button does the same.
(function () {
  "use strict";
  var form = document.querySelector("form.search-form");
  if (!form) { return; }
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "checkbox" || target.name === "sorteer") {
      var page = form.querySelector("input[name=pagina]");
      if (page) { page.remove(); }
      form.submit();
    }
  });
})();
