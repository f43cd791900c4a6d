-- The shop's schema. Run once by the image's entrypoint when the database is first created;
-- the rows come from db/seed.sql, which Skiff runs (see skiff.yaml).

CREATE TABLE categories (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    name        text NOT NULL
);

CREATE TABLE products (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         text NOT NULL UNIQUE,
    name        text NOT NULL,
    description text NOT NULL DEFAULT '',
    category_id integer REFERENCES categories (id),
    price_cents integer NOT NULL CHECK (price_cents >= 0),
    stock       integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX products_category_id_idx ON products (category_id);
