"""Every write of the retaliation app, one module per area. Import from the
module that owns the service (benadeling.services.motivering, ...)."""
