#!/usr/bin/env python3
"""Writes a country's public holidays as the table Hikeshi bundles (BusinessCalendar reads it):

    .tools/python/bin/python bin/lib/holiday_table.py JP 2025 2035 > functions/core/src/main/resources/hikeshi/holidays/JP.tsv

One line per day off: the date, then its name in the country's language and in English, tab-separated.
The names and dates come from python-holidays (pinned in bin/lib/python-requirements.txt), which follows
each country's law: for Japan the Act on National Holidays with its substitute holidays (振替休日) and
citizens' holidays (国民の休日). Equinox days of years the Cabinet Office has not yet announced (it does
each February for the following year) are the astronomical prediction; regenerate when it announces.
"""
import sys

import holidays


def main(country, first, last):
    years = range(int(first), int(last) + 1)
    language = holidays.country_holidays(country).default_language  # ja for Japan
    local = holidays.country_holidays(country, years=years, language=language)
    english = holidays.country_holidays(country, years=years, language="en_US")
    print("# %s public holidays %s-%s: python-holidays %s (bin/lib/holiday_table.py %s %s %s)"
          % (country, first, last, holidays.__version__, country, first, last))
    print("# date\tname\tname (en)")
    for day in sorted(local):
        print("%s\t%s\t%s" % (day.isoformat(), local[day], english.get(day, local[day])))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
