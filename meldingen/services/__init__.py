"""Every write on the register, one module per area. Import from the module that
owns the service (meldingen.services.register, ...)."""
