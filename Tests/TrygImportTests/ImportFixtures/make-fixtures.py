#!/usr/bin/env python3
"""Writes the import fixtures: real-shaped exports with the faults analysts meet.

Run from this folder; it rewrites the CSV files and, when LibreOffice is installed
(`apt-get install libreoffice-calc-nogui`), the .xlsx workbooks, which LibreOffice's own
writer makes from a CSV file and from a flat ODF spreadsheet. The files are checked in, so
the tests need neither Python nor LibreOffice. The data is synthetic.
"""
import os, random, shutil, subprocess, tempfile

rng = random.Random(2025)
LIBRARIES = ["Blågården", "Vesterbro", "Nørrebro", "Hovedbiblioteket", "Østerbro", "Valby", "Sundby", "Brønshøj"]
CATEGORIES = ["Hærværk", "Tyveri", "Utryghedsskabende adfærd", "Trusler", "Vold", "Andet"]
NOTES = ["Råb ved indgangen", "Møbler væltet; stole knækket", "Uro ved computerne", "Tyveri af taske",
         "Trussel mod personale", "Graffiti på toilettet", "Larm i børneafdelingen"]


def write(name, text, encoding="utf-8", bom=False):
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(name, "wb") as f:
        f.write(data)


def danish_number(x):
    whole, frac = f"{x:.2f}".split(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + "," + frac


def incident_rows(n, start_day=1):
    rows = []
    for i in range(1, n + 1):
        day = (start_day + i // 3 - 1) % 28 + 1
        month = 1 + (i // 85) % 12
        hour, minute = 9 + rng.randrange(12), rng.randrange(60)
        rows.append(dict(
            id=i, day=day, month=month, hour=hour, minute=minute,
            library=rng.choice(LIBRARIES), category=rng.choice(CATEGORIES),
            severity=1 + rng.randrange(5), police=rng.random() < 0.2,
            damage=(round(rng.random() * 25000, 2) if rng.random() < 0.4 else None),
            note=rng.choice(NOTES)))
    return rows


def excel_csv():
    """Danish Excel, "CSV UTF-8 (kommasepareret)": BOM, ';', CRLF, decimal commas,
    dd-mm-yyyy dates, Ja/Nej; one row with an unquoted ';' in its note, one severity
    'ukendt', a note over two lines."""
    lines = ["Id;Dato;Tidspunkt;Bibliotek;Kategori;Alvorlighed;Politi tilkaldt;Skade (kr.);Beskrivelse"]
    for r in incident_rows(150):
        date = f"{r['day']:02d}-{r['month']:02d}-2025"
        note = r["note"]
        note = f'"{note}"' if ";" in note else note
        severity = str(r["severity"])
        if r["id"] == 57:
            severity = "ukendt"
        if r["id"] == 88:
            note = "Dør sparket op; glas knust; vagt tilkaldt"   # unquoted: three fields too many
        if r["id"] == 120:
            note = '"Råb og trusler.\r\nPolitiet kom kl. 21"'
        damage = danish_number(r["damage"]) if r["damage"] is not None else ""
        lines.append(";".join([str(r["id"]), date, f"{date} {r['hour']:02d}:{r['minute']:02d}", r["library"],
                               r["category"], severity, "Ja" if r["police"] else "Nej", damage, note]))
    write("haendelser-excel.csv", "\r\n".join(lines) + "\r\n", bom=True)
    return lines


def ansi_csv():
    """Older Danish Excel, "CSV (semikolonsepareret)": Windows-1252, no BOM, dd.mm.yyyy,
    a thousands separator, and a short row."""
    lines = ["Løbenr;Dato;Bibliotek;Område;Beløb"]
    for r in incident_rows(40):
        amount = danish_number(r["damage"] or 0)
        lines.append(f"{r['id']};{r['day']:02d}.{r['month']:02d}.2025;{r['library']};{r['category']};{amount}")
    lines[23] = "23;14.01.2025;Østerbro"
    write("haendelser-ansi.csv", "\r\n".join(lines) + "\r\n", encoding="cp1252")


def quotes_csv():
    """A system export, comma-separated and quoted: one quote left open (the line is
    rejected and the next is read), one closing quote followed by text."""
    lines = ["id,reported_at,library,note,severity"]
    for r in incident_rows(30):
        note = r["note"].replace('"', '""')
        lines.append(f'{r["id"]},2025-{r["month"]:02d}-{r["day"]:02d}T{r["hour"]:02d}:{r["minute"]:02d},'
                     f'"{r["library"]}","{note}",{r["severity"]}')
    lines[10] = '10,2025-01-04T10:15,"Vesterbro,Råb ved døren,3'
    lines[20] = '20,2025-01-07T18:40,"Valby","Knust rude" ved indgangen,4'
    write("quotes-left-open.csv", "\n".join(lines) + "\n")


def mixed_dates_csv():
    """Dates written four ways in one column, one day that does not exist, times in another."""
    lines = ["nr,dato,kl"]
    forms = ["{y}-{m:02d}-{d:02d}", "{d:02d}-{m:02d}-{y}", "{d}.{m}.{y}", "{d:02d}/{m:02d}/{y}"]
    for i in range(1, 121):
        d, m = 1 + i % 28, 1 + i % 12
        date = forms[i % 4].format(y=2025, m=m, d=d)
        clock = f"{date} {8 + i % 12:02d}:{i % 60:02d}" if i % 2 else date
        lines.append(f"{i},{date},{clock}")
    lines[77] = "77,31-02-2025,31-02-2025 10:00"
    write("mixed-dates.csv", "\n".join(lines) + "\n")


def other_csv():
    write("no-header.tsv", "".join(f"{i}\t2025-03-{i:02d}\t{LIBRARIES[i % 8]}\t{i * 1.5}\n" for i in range(1, 21)))
    write("names.csv", "id,,Bibliotek,bibliotek,id\n1,x,Valby,Sundby,7\n2,y,Vesterbro,Valby,8\n")
    text = "id;bibliotek\n1;Blågården\n2;Nørrebro\n3;Valby\n".encode() + b"4;\xf8\n"
    with open("broken-utf8.csv", "wb") as f:
        f.write(text)
    write("empty.csv", "")
    write("blank-first-line.csv", "\nid,bibliotek\n1,Valby\n")
    lines = ["Id\tBibliotek\tAlvorlighed\tSkade"]
    for r in incident_rows(12):
        lines.append(f"{r['id']}\t{r['library']}\t{r['severity']}\t{danish_number(r['damage'] or 0)}")
    with open("unicode-text.txt", "wb") as f:
        f.write(b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le"))


FODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:date-style style:name="Ndate"><number:day number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:year number:style="long"/></number:date-style>
  <number:date-style style:name="Nstamp"><number:day number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:year number:style="long"/><number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/></number:date-style>
  <number:time-style style:name="Ntime"><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/></number:time-style>
  <number:number-style style:name="Nmoney"><number:number number:decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>
  <number:boolean-style style:name="Nbool"><number:boolean/></number:boolean-style>
  <style:style style:name="cdate" style:family="table-cell" style:data-style-name="Ndate"/>
  <style:style style:name="cbool" style:family="table-cell" style:data-style-name="Nbool"/>
  <style:style style:name="cstamp" style:family="table-cell" style:data-style-name="Nstamp"/>
  <style:style style:name="ctime" style:family="table-cell" style:data-style-name="Ntime"/>
  <style:style style:name="cmoney" style:family="table-cell" style:data-style-name="Nmoney"/>
  <style:style style:name="thidden" style:family="table"><style:table-properties table:display="false"/></style:style>
 </office:automatic-styles>
 <office:body><office:spreadsheet>
"""


def cell(value):
    if value is None:
        return "<table:table-cell/>"
    kind, v = value
    if kind == "s":
        return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
    if kind == "n":
        return f'<table:table-cell office:value-type="float" office:value="{v}"/>'
    if kind == "money":
        return f'<table:table-cell table:style-name="cmoney" office:value-type="float" office:value="{v}"/>'
    if kind == "date":
        return f'<table:table-cell table:style-name="cdate" office:value-type="date" office:date-value="{v}"/>'
    if kind == "stamp":
        return f'<table:table-cell table:style-name="cstamp" office:value-type="date" office:date-value="{v}"/>'
    if kind == "time":
        return f'<table:table-cell table:style-name="ctime" office:value-type="time" office:time-value="{v}"/>'
    if kind == "b":
        return f'<table:table-cell table:style-name="cbool" office:value-type="boolean" office:boolean-value="{v}"/>'
    if kind == "f":
        return f'<table:table-cell table:formula="{v}"/>'
    raise ValueError(kind)


def table(name, rows, hidden=False):
    style = ' table:style-name="thidden"' if hidden else ""
    body = "".join("<table:table-row>" + "".join(cell(c) for c in row) + "</table:table-row>\n" for row in rows)
    return f'<table:table table:name="{name}"{style}>\n{body}</table:table>\n'


def workbook():
    """A workbook as a colleague keeps it: a title above the header, dates, times of day,
    booleans, money, empty cells, a formula that divides by zero, a text in a number
    column; a survey sheet; and a hidden sheet."""
    rows = [[("s", "Hændelser på bibliotekerne 2025")], [],
            [("s", h) for h in ["Nr", "Dato", "Registreret", "Klokken", "Bibliotek", "Alvorlighed", "Politi", "Skade", "Note"]]]
    for r in incident_rows(120):
        date = f"2025-{r['month']:02d}-{r['day']:02d}"
        severity = ("n", r["severity"])
        if r["id"] == 17:
            severity = ("s", "ukendt")
        damage = ("money", r["damage"]) if r["damage"] is not None else None
        if r["id"] == 33:
            damage = ("f", "of:=1/0")
        note = ("s", r["note"]) if r["id"] % 4 else None
        rows.append([("n", r["id"]), ("date", date), ("stamp", f"{date}T{r['hour']:02d}:{r['minute']:02d}:00"),
                     ("time", f"PT{r['hour']:02d}H{r['minute']:02d}M00S"), ("s", r["library"]), severity,
                     ("b", "true" if r["police"] else "false"), damage, note])
    survey = [[("s", h) for h in ["år", "bibliotek", "safety"]]]
    answers = ["meget utryg", "utryg", "hverken/eller", "tryg", "meget tryg"]
    for i in range(30):
        survey.append([("n", 2023 + 2 * (i % 2)), ("s", LIBRARIES[i % 3]), ("s", answers[rng.randrange(5)])])
    hidden = [[("s", "nøgle"), ("s", "værdi")], [("s", "version"), ("n", 3)]]
    text = FODS_HEAD + table("Hændelser", rows) + table("Tryghed", survey) + table("Opslag", hidden, hidden=True)
    text += " </office:spreadsheet></office:body>\n</office:document>\n"
    return text


def kinds_csv():
    """One file per kind of fault an export brings (issue 10), each small and as a person
    would have it: the delimiter fooled by decimal commas or a comma in text with ragged rows,
    a delimiter after every row, title lines above the header, CR line ends, identifiers
    with leading zeros and long ids, a letter code far down a numeric column, missing-value
    markers, and one column with a decimal point in a file of decimal commas."""
    write("kind1-decimal-commas-ragged.csv",
          "Dato;Sted;Beløb;Bemærkning\n03-03-2025;Vesterbro;1.120,00;ok\n04-03-2025;Sundby;85,50\n"
          "05-03-2025;Valby;12,00;ok;ekstra\n")
    write("kind1-comma-in-text-ragged.csv",
          "Dato;Lokale;Antal;Status\n07-04-2025;Sal 1, stueetage;3;lukket\n08-04-2025;Café, 1. sal;1;lukket;ekstra\n"
          "09-04-2025;Sal 2, kælder;4\n10-04-2025;Sal 1, stueetage;2;lukket\n")
    write("kind2-trailing-delimiter.csv", "Uge;Bibliotek;Hændelser\n12;Valby;3;\n13;Valby;5;\n14;Sundby;2\n")
    write("kind3-title-lines.csv",
          "Udtræk fra indmeldelsessystemet\nPeriode: 01-01-2025 til 31-03-2025\n\nDato;Bibliotek;Kategori\n"
          "14-01-2025;Sundby;Trusler\n\n15-01-2025;Valby;Hærværk\n")
    write("kind4-cr-line-ends.csv", "Dato;Bibliotek;Antal\r14-01-2025;Sundby;3\r15-01-2025;Valby;1\r")
    write("kind4-lone-cr.csv", "Dato;Bibliotek;Antal\n14-01-2025;Sundby;3\r15-01-2025;Valby;1\n16-01-2025;Bispebjerg;2\n")
    write("kind5-identifiers.csv",
          "Postnr;Medarbejder;Sag;Konto\n0900;00417;2025-000123;1234567890123456789012\n2300;10233;2025-000124;12\n"
          "2450;00981;2025-000125;7\n")
    rows = ["Id;Kode"] + [f"{i};{100 + i % 50}" for i in range(1, 12001)] + ["12001;K7A", "12002;150"]
    write("kind6-late-letter-code.csv", "\n".join(rows) + "\n")
    write("kind7-null-markers.csv", "Id;Alvor\n1;3\n2;NULL\n3;-\n4;N/A\n5;2\n6;\n")
    write("kind8-decimal-mark-per-column.csv",
          "Bibliotek;Bredde;Længde;Besøgende;Areal\nValby;55.6636;12.5161;1.250;312,5\nSundby;55.6615;12.6079;980;140,25\n"
          "Vesterbro;55.6691;12.5491;2.100;98,0\n")


def libreoffice(source, filter_options=None):
    soffice = shutil.which("soffice")
    if soffice is None:
        print("LibreOffice not found: the .xlsx fixtures are left as they are")
        return
    with tempfile.TemporaryDirectory() as profile:
        command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless"]
        if filter_options:
            command += ["--infilter=" + filter_options]
        command += ["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", ".", source]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    excel = excel_csv()
    ansi_csv()
    quotes_csv()
    mixed_dates_csv()
    other_csv()
    kinds_csv()
    with tempfile.TemporaryDirectory() as work:
        # The Danish Excel CSV through LibreOffice's CSV import (';', '"', UTF-8, Danish locale).
        source = os.path.join(work, "haendelser-libreoffice.csv")
        write(source, "\n".join(l for l in excel if "glas knust" not in l) + "\n")
        libreoffice(source, "CSV:59,34,76,1,,1030")
        source = os.path.join(work, "arbejdsbog.fods")
        write(source, workbook())
        libreoffice(source)
