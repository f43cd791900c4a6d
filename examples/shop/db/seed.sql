-- Seed rows for a fresh shop database. Skiff runs this once, when an environment's database is
-- new (skiff.yaml: seed). By hand:
--   podman exec -i <db container> sh -c 'psql -v ON_ERROR_STOP=1 -U shop -d shop' < db/seed.sql
-- One transaction, so a failure leaves no half-seeded database; ON CONFLICT makes a second run
-- a no-op instead of an error.
BEGIN;

INSERT INTO categories (slug, name) VALUES
    ('bags',     'Bags'),
    ('kitchen',  'Kitchen'),
    ('stationery', 'Stationery'),
    ('home',     'Home')
ON CONFLICT (slug) DO NOTHING;

INSERT INTO products (sku, name, description, category_id, price_cents, stock)
SELECT v.sku, v.name, v.description, c.id, v.price_cents, v.stock
FROM (VALUES
    ('BAG-001', 'Canvas tote bag',          'Heavy cotton canvas, natural colour, 38 x 42 cm.',   'bags',       1800, 120),
    ('BAG-002', 'Waxed cotton backpack',    '20 litres, brass buckles, padded laptop sleeve.',    'bags',       8900,  14),
    ('KIT-001', 'Enamel camping mug',       'White enamel with a blue rim, 350 ml.',              'kitchen',    1250,  60),
    ('KIT-002', 'Stoneware coffee dripper', 'Hand-glazed, fits size 02 filters.',                 'kitchen',    3200,  25),
    ('KIT-003', 'Olive wood spoon set',     'Three spoons carved from a single branch.',          'kitchen',    2400,   0),
    ('STA-001', 'Dot grid notebook',        'A5, 160 pages of 100 g/m2 paper, lay-flat binding.', 'stationery', 1500, 200),
    ('STA-002', 'Brass ballpoint pen',      'Solid brass body that darkens with use.',            'stationery', 3900,  40),
    ('STA-003', 'Recycled paper postcards', 'A set of ten, printed with plant-based inks.',       'stationery',  900,  75),
    ('HOM-001', 'Linen tea towel',          'Stonewashed linen, 50 x 70 cm.',                     'home',       1400,  90),
    ('HOM-002', 'Beeswax candle pair',      'Hand-dipped, about eight hours each.',               'home',       2200,  33),
    ('HOM-003', 'Wool throw blanket',       'Lambswool, herringbone weave, 130 x 180 cm.',        'home',      11500,   6)
) AS v (sku, name, description, category, price_cents, stock)
JOIN categories c ON c.slug = v.category
ORDER BY v.sku  -- ids follow the SKUs
ON CONFLICT (sku) DO NOTHING;

COMMIT;
