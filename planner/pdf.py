"""A printable PDF: the menu on the first page(s), the shopping list after it (fpdf2, core fonts); for one person
(to_pdf) or a household (household_pdf: each dish once, with every member's serving)."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.fonts import FontFace

from planner.household import HouseholdPlan, week_table
from planner.household_page import household_notices, quality_rows
from planner.nutrients import BY_KEY, PRIMARY
from planner.plan import Plan
from planner.report import notices
from planner.shopping import ShoppingItem

DISCLAIMER = ("Cramp Menu is not medical advice. Cramps with convulsions of the whole body or loss of "
              "consciousness need urgent care; frequent cramps need a doctor.")


def _text(s: str) -> str:
    """Core PDF fonts cover Latin-1 only: replace what they cannot draw."""
    s = s.replace("–", "-").replace("—", "-").replace("’", "'").replace("⅛", "1/8").replace("⅜", "3/8")
    return s.encode("latin-1", "replace").decode("latin-1")


SYMBOLS = {"potassium_mg": "K", "magnesium_mg": "Mg", "calcium_mg": "Ca", "vitamin_d_ug": "Vit. D"}


def day_totals_text(totals: dict) -> str:
    """'2,050 kcal\nK 3,120 mg\nMg 410 mg\nCa 1,050 mg\nVit. D 15.2 µg'."""
    lines = [f"{totals['energy_kcal']:,.0f} kcal"]
    for key in PRIMARY:
        value = totals[key]
        lines.append(f"{SYMBOLS.get(key, BY_KEY[key].label)} {value:,.0f} {BY_KEY[key].unit}" if value >= 100 else
                     f"{SYMBOLS.get(key, BY_KEY[key].label)} {value:.1f} {BY_KEY[key].unit}")
    return "\n".join(lines)


def to_pdf(plan: Plan, items: list[ShoppingItem]) -> bytes:
    pdf = _landscape("Cramp Menu: menu and shopping list")
    pdf.cell(0, 8, _text(f"Your {len(plan.days)}-day menu"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 6.5)
    slots = [m.slot for m in plan.days[0].meals]
    with pdf.table(col_widths=(10, *[30] * len(slots), 22), headings_style=FontFace(emphasis="BOLD"),
                   line_height=3.2, text_align="LEFT") as table:
        table.row(["Day", *[s.capitalize() for s in slots], "Day totals"])
        for day, totals in zip(plan.days, plan.daily_totals, strict=True):
            cells = [f"Day {day.index + 1}"]
            for meal in day.meals:
                cells.append(_text("\n".join(f"{d.name} ({d.label})" for d in meal.dishes) or "-"))
            table.row([*cells, _text(day_totals_text(totals))])
    pdf.set_font("Helvetica", "I", 7)
    pdf.multi_cell(0, 4, _text(DISCLAIMER), new_x="LMARGIN", new_y="NEXT")
    hei = plan.quality.get("hei2020")
    if hei:
        pdf.set_font("Helvetica", "", 7)
        words = [f"Healthy Eating Index 2020 of this menu: {hei['total']:.0f} of 100.", hei.get("note", ""),
                 *(f"To raise it: {t}." for t in hei.get("advice", ()))]
        pdf.multi_cell(0, 4, _text(" ".join(w for w in words if w)),
                       new_x="LMARGIN", new_y="NEXT")
    _notices(pdf, notices(plan))
    _shopping_page(pdf, items, plan.checked)
    return bytes(pdf.output())


def household_pdf(hplan: HouseholdPlan, items: list[ShoppingItem]) -> bytes:
    """The household's menu, each dish once with every member's serving, what each member's plan says by name,
    then the shopping list summed over everyone."""
    pdf = _landscape("Cramp Menu: your household's menu and shopping list")
    days = len(hplan.plans[0].days)
    pdf.cell(0, 8, _text(f"Your household's {days}-day menu: {', '.join(hplan.labels)}"),
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 7)
    table = week_table(hplan)
    each = min(30, 165 / len(hplan.labels))  # the members' columns share what Day, Meal and Dish leave
    with pdf.table(col_widths=(12, 16, 80, *[each] * len(hplan.labels)), headings_style=FontFace(emphasis="BOLD"),
                   line_height=3.4, text_align="LEFT", width=108 + each * len(hplan.labels), align="LEFT") as out:
        out.row([_text(str(c)) for c in table.columns])
        for row in table.itertuples(index=False):
            out.row([_text(str(v)) for v in row])
    pdf.set_font("Helvetica", "I", 7)
    pdf.multi_cell(0, 4, _text(DISCLAIMER), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 7)
    scores = [f"{label} {total:.0f}" for label, total in quality_rows(hplan) if total is not None]
    if scores:
        pdf.multi_cell(0, 4, _text(f"Healthy Eating Index 2020 of each member's menu (of 100): {', '.join(scores)}."),
                       new_x="LMARGIN", new_y="NEXT")
    _notices(pdf, household_notices(hplan))
    _shopping_page(pdf, items, ())
    return bytes(pdf.output())


def _landscape(title: str) -> FPDF:
    """A landscape A4 document at its first page, in the heading's font."""
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    return pdf


def _notices(pdf: FPDF, sections: list[tuple[str, list[str]]]) -> None:
    for heading, lines in sections:
        pdf.set_font("Helvetica", "B", 8)
        pdf.multi_cell(0, 4.5, _text(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 7)
        for line in lines:
            pdf.multi_cell(0, 3.6, _text("- " + line), new_x="LMARGIN", new_y="NEXT")


def _shopping_page(pdf: FPDF, items: list[ShoppingItem], checked) -> None:
    """The shopping list on a portrait page of its own, `checked` food ids ticked."""
    pdf.add_page(orientation="portrait")
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, "Shopping list", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(col_widths=(8, 30, 45, 45, 42, 20), headings_style=FontFace(emphasis="BOLD"), line_height=5,
                   text_align=("LEFT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT")) as table:
        table.row(["", "Aisle", "Item", "Buy", "Menu uses", "Left over"])
        for item in items:
            bought = f"\n= {item.conversion.split(' (')[0]}" if item.conversion else ""  # '= 328 g raw'
            table.row(["[x]" if item.food_id in checked else "[ ]", _text(item.aisle), _text(item.item),
                       _text(item.buy), _text(item.menu_uses + bought), f"{item.leftover_grams:.0f} g"])
