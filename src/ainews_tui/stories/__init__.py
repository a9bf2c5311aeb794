"""Stories: the same news carried by several digests.

`url` is the grouping rule (which primary links are one page), `flags` how an item's
read and star flags follow its story in SQL, `roundup` your own digest of stories. The
first two sit below every layer (store and search both use them) and import nothing of
the package.
"""
