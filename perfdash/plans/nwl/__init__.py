"""North West Leicestershire Council Delivery Plan 2007-2010 with its BVPP 2007-08."""
