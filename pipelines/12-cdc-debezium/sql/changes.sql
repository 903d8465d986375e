-- Changes after the load, committed while Debezium captures: deterministic (chosen by id and by
-- value), each statement its own transaction, every changed row one change event. Ids are the
-- events' positions 1..N.

-- Refunds entered with the wrong sign: the first three negative fares (not touched below) become
-- positive, so rows that failed silver's rules now pass.
UPDATE ${table} SET fare_amount = abs(fare_amount), total_amount = abs(total_amount)
WHERE id IN (SELECT id FROM ${table} WHERE fare_amount < 0 AND id % 29 <> 0 AND id % 41 <> 0 ORDER BY id LIMIT 3);

-- Fare corrections on every 29th trip: fare and total up by 1.25.
UPDATE ${table} SET fare_amount = fare_amount + 1.25, total_amount = total_amount + 1.25
WHERE id % 29 = 0;

-- A second correction to some of them (a key changed twice: silver keeps the latest after-image).
UPDATE ${table} SET tip_amount = tip_amount + 0.5, total_amount = total_amount + 0.5
WHERE id % 58 = 0;

-- Chargebacks: the first three positive fares (not touched above or below) turn negative, so rows
-- that passed silver's rules now fail.
UPDATE ${table} SET fare_amount = -fare_amount, total_amount = -total_amount
WHERE id IN (SELECT id FROM ${table} WHERE fare_amount > 0 AND id % 29 <> 0 AND id % 41 <> 0 ORDER BY id LIMIT 3);

-- Voided trips: every 41st trip that was not corrected is deleted.
DELETE FROM ${table} WHERE id % 41 = 0 AND id % 29 <> 0;
