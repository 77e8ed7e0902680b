"""HTTP: the Flask app and its single route table, thin views, and the middleware around them (request
guard, response cache, limits, security headers, errors, reload).
"""
