"""What every page shares: the newsroom's settings (name, logo), the base layout, date
formatting in the newsroom's time zone, pagination, structured data and error pages."""
