def amr_toevoegen(id_token, user, token, request, **kwargs):
    """Users in the group "mfa" signed in with a second factor at this provider."""
    if user.groups.filter(name="mfa").exists():
        id_token["amr"] = ["pwd", "mfa"]
    else:
        id_token["amr"] = ["pwd"]
    return id_token


def userinfo(claims, user):
    claims["email"] = user.email
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    return claims
