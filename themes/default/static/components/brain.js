/* The brain component, enhanced: its areas become tabs, selectable on the
 * tabs or on the drawing. Linked only by pages that draw a brain. Without
 * this script every explanation is shown. */
(function () {
  "use strict";

  function enhanceBrain(figure) {
    var panels = Array.prototype.slice.call(figure.querySelectorAll(".brain__area-text"));
    var shapes = Array.prototype.slice.call(
      figure.querySelectorAll(".brain__area[data-area], .brain__tag[data-area]")
    );
    if (panels.length < 2) {
      return;
    }
    var caption = figure.querySelector(".diagram__caption");
    var list = document.createElement("div");
    list.className = "brain__tabs";
    list.setAttribute("role", "tablist");
    if (caption && caption.id) {
      list.setAttribute("aria-labelledby", caption.id);
    }

    var tabs = panels.map(function (panel, index) {
      var heading = panel.querySelector(".brain__area-heading");
      var tab = document.createElement("button");
      tab.type = "button";
      tab.className = "brain__tab";
      tab.id = panel.id + "-tab";
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      Array.prototype.forEach.call(heading.childNodes, function (node) {
        tab.appendChild(node.cloneNode(true));
      });
      tab.addEventListener("click", function () {
        select(index, false);
      });
      tab.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowRight" || event.key === "ArrowDown") {
          next = (index + 1) % panels.length;
        } else if (event.key === "ArrowLeft" || event.key === "ArrowUp") {
          next = (index + panels.length - 1) % panels.length;
        } else if (event.key === "Home") {
          next = 0;
        } else if (event.key === "End") {
          next = panels.length - 1;
        }
        if (next !== null) {
          event.preventDefault();
          select(next, true);
        }
      });
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      list.appendChild(tab);
      return tab;
    });

    function select(chosen, moveFocus) {
      tabs.forEach(function (tab, index) {
        var selected = index === chosen;
        tab.setAttribute("aria-selected", selected ? "true" : "false");
        tab.tabIndex = selected ? 0 : -1;
        panels[index].hidden = !selected;
      });
      var area = panels[chosen].getAttribute("data-area");
      figure.setAttribute("data-selected", area);
      // The chosen area and its tag on the drawing.
      shapes.forEach(function (shape) {
        var block = shape.classList.contains("brain__tag") ? "brain__tag" : "brain__area";
        shape.classList.toggle(block + "--selected", shape.getAttribute("data-area") === area);
      });
      if (moveFocus) {
        tabs[chosen].focus();
      }
    }

    // A pointer on an area of the drawing selects it too (the tabs do it by keyboard).
    shapes.forEach(function (shape) {
      shape.addEventListener("click", function () {
        var area = shape.getAttribute("data-area");
        panels.forEach(function (panel, index) {
          if (panel.getAttribute("data-area") === area) {
            select(index, false);
          }
        });
      });
    });

    panels[0].parentNode.insertBefore(list, panels[0]);
    figure.classList.add("brain--tabs");
    select(0, false);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-brain]"), enhanceBrain);
})();
