import os

from checkout.legacy import legacy_inventory_check
from checkout.clients import check_inventory_service


def check_inventory(order):
    # New in v2.3.0: use the external inventory service.
    inventory_url = os.getenv("INVENTORY_SERVICE_URL")
    if not inventory_url:
        # Fallback to old behavior
        return legacy_inventory_check(order)
    return check_inventory_service(inventory_url, order)
