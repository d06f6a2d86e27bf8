-- The district an order is served in (from the web form, or entered by staff): technicians
-- work by district, and an order entering a technician's stage is assigned by it.
ALTER TABLE orders ADD COLUMN district text;
