"""The makers of the site's outputs: each turns the related archive into one kind
of file or markup (feeds, open data, tables, citations, hover cards, activity
charts, maps, the sitemap, JSON-LD, browse lists, redirect pages, the front
page's and the trends page's figures). ``outputs`` lists them for the plan.
"""
