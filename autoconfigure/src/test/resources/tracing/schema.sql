CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50), owner VARCHAR(100));
INSERT INTO items VALUES (7, 'widget', 'alice@example.com');
