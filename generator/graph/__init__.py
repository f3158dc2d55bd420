"""The site model: entities and the cross-reference graph built from valid records.

Read in this order; each module imports only those above it:

- ``model``: the entities and what points at what (templates only read them);
- ``id_keyed``: look-ups keyed by id(), and how they survive pickling;
- ``entities``: people, bodies, topics, places and years, one per name;
- ``documents``: which document a number designates, and how it was written;
- ``mentions``: documents named in a record's text, as links and mentions;
- ``registry_entries``: the registries' people, bodies, successions and documents;
- ``meetings``: a record as a meeting, added to every entity it names;
- ``bare_numbers``: which document "Nghị quyết 17" means, once every meeting is read;
- ``name_checks``: two spellings of one name, a speaker nobody names;
- ``related``: ``related:`` linked both ways;
- ``slugs``: each entity's address, chosen from its name alone;
- ``finish``: meetings in order, every slug, what each place holds, the ``Site``;
- ``builder``: ``SiteBuilder``, the parts and the passes in order;
- ``meeting_order``: the order every list follows, kept by bisection;
- ``linked``: ``LinkedGraph``, a full link or an update in place (the entry point).
"""
