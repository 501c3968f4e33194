import math

from odoo import api, models
from odoo.exceptions import AccessError, ValidationError

NUMBER_TYPES = ("float", "monetary", "integer")


class Base(models.AbstractModel):
    """Numbers sent by the web client or over RPC are checked before they are stored:
    "NaN" or "inf" would otherwise end in a traceback (rounding to the field's digits
    fails), and absurd values (a unit of 1e300 m²) would be saved. A model names the
    bounds of its fields in `_property_bounds`: {field name: (lowest, highest)}.

    And the one check of a role for every model: `_require_group`."""

    _inherit = "base"

    _property_bounds = {}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_property_numbers(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_property_numbers(vals)
        return super().write(vals)

    def _check_property_numbers(self, vals):
        bounds = None
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or field.type not in NUMBER_TYPES or value is False or value is None:
                continue
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = math.nan
            if not math.isfinite(number):
                label = field._description_string(self.env)
                raise ValidationError(self.env._("%(field)s must be a number.", field=label))
            bounds = self._property_all_bounds() if bounds is None else bounds
            if name in bounds:
                lowest, highest = bounds[name]
                if not lowest <= number <= highest:
                    label = field._description_string(self.env)
                    lowest, highest = f"{lowest:,}", f"{highest:,}"
                    raise ValidationError(
                        self.env._(
                            "%(field)s must be between %(lowest)s and %(highest)s.",
                            field=label,
                            lowest=lowest,
                            highest=highest,
                        )
                    )

    def _setup_complete(self):
        res = super()._setup_complete()
        # Installing a module extends the registry's class of a model in place (its
        # bases change, the class stays): the bounds merged before are forgotten.
        self.env.registry[self._name]._property_bounds_merged = None
        return res

    def _property_all_bounds(self):
        """The `_property_bounds` of every addon that extends this model, merged (a
        class attribute of one extension would hide another's)."""
        cls = type(self)
        merged = cls.__dict__.get("_property_bounds_merged")
        if merged is None:
            merged = {}
            for klass in reversed(cls.__mro__):
                merged.update(klass.__dict__.get("_property_bounds", {}))
            cls._property_bounds_merged = merged
        return merged

    def _require_group(self, group, message):
        """Refuse the user without `group` (an xml id) with `message`, as Odoo refuses
        an access: AccessError. The superuser passes."""
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(message)
