# The official Odoo 18.0 image plus the OCA addons that property_bank depends on (bank
# statement import and reconciliation), as pinned in requirements-odoo-addons.txt. The
# project's addons and configuration are mounted by docker-compose.yml, not copied.
FROM odoo:18.0

USER root
COPY requirements-odoo-addons.txt /tmp/requirements-odoo-addons.txt
# The wheels install into odoo/addons/ on the image's Python path. --no-deps: they require
# odoo==18.0.*, which is the image's own Odoo (a Debian package that pip must leave alone);
# their Python libraries (ofxparse, chardet, xlrd) are dependencies of that package, and
# the dependencies between the addons are pinned in the file.
RUN pip3 install --no-cache-dir --break-system-packages --no-deps \
        -r /tmp/requirements-odoo-addons.txt \
    && rm /tmp/requirements-odoo-addons.txt
USER odoo
