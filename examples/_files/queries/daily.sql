-- Read by a flow with {{ read('queries/daily.sql') }}
select order_id, amount
from orders
where order_date = current_date - 1;
