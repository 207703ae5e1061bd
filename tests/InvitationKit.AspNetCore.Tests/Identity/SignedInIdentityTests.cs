using System.Security.Claims;
using InvitationKit.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Identity;

/// <summary>Who the signed-in invitee is: from an external provider's claims, or from Identity's own user.</summary>
public sealed class SignedInIdentityTests
{
    [Fact]
    public void Claims_of_an_external_provider_give_the_identity()
    {
        var principal = Principal("oidc", new("sub", "gh-7"), new("email", "bob@example.com"), new("email_verified", "true"), new("idp", "GitHub"));
        Assert.Equal(new SignedInIdentity("gh-7", "bob@example.com", "GitHub", true), SignedInIdentityClaims.FromPrincipal(principal));
    }

    [Fact]
    public void An_email_is_verified_only_when_the_provider_says_so()
    {
        var unverified = Principal("Bearer", new(ClaimTypes.NameIdentifier, "u1"), new(ClaimTypes.Email, "bob@example.com"));
        Assert.Equal(new SignedInIdentity("u1", "bob@example.com", "Bearer", false), SignedInIdentityClaims.FromPrincipal(unverified));
        var lying = Principal("Bearer", new(ClaimTypes.NameIdentifier, "u1"), new("email_verified", "yes"));
        Assert.False(SignedInIdentityClaims.FromPrincipal(lying)!.EmailVerified);
    }

    [Fact]
    public void Nobody_is_signed_in_without_an_authenticated_identity_and_a_user_id()
    {
        Assert.Null(SignedInIdentityClaims.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "u1")]))));
        Assert.Null(SignedInIdentityClaims.FromPrincipal(Principal("Bearer", new Claim[] { new("email", "bob@example.com") })));
    }

    [Fact]
    public async Task Identitys_user_gives_its_confirmed_email_and_an_unconfirmed_one_is_not_verified()
    {
        await using var database = await IdentityDatabase.CreateAsync();
        await using var scope = database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var confirmed = new IdentityUser { UserName = "bob@example.com", Email = "bob@example.com", EmailConfirmed = true };
        var unconfirmed = new IdentityUser { UserName = "eve@example.com", Email = "eve@example.com" };
        Assert.True((await users.CreateAsync(confirmed)).Succeeded);
        Assert.True((await users.CreateAsync(unconfirmed)).Succeeded);
        var resolver = scope.ServiceProvider.GetRequiredService<ISignedInIdentityResolver>();

        // A cookie of Identity: the user's own record decides, whatever claims the cookie carries.
        var bob = Principal(IdentityConstants.ApplicationScheme, new(ClaimTypes.NameIdentifier, confirmed.Id), new("email_verified", "false"));
        Assert.Equal(new SignedInIdentity(confirmed.Id, "bob@example.com", "Local", true), await resolver.ResolveAsync(bob, default));
        var eve = Principal(IdentityConstants.ApplicationScheme, new(ClaimTypes.NameIdentifier, unconfirmed.Id), new("email_verified", "true"));
        Assert.False((await resolver.ResolveAsync(eve, default))!.EmailVerified);

        // A bearer token whose subject happens to be a local user id is that provider's subject, not the local user.
        var bearer = Principal("Bearer", new(ClaimTypes.NameIdentifier, confirmed.Id), new("email", "mallory@example.com"));
        Assert.Equal(new SignedInIdentity(confirmed.Id, "mallory@example.com", "Bearer", false), await resolver.ResolveAsync(bearer, default));

        // A cookie of a deleted user: nobody.
        var ghost = Principal(IdentityConstants.ApplicationScheme, new Claim(ClaimTypes.NameIdentifier, "deleted-user"));
        Assert.Null(await resolver.ResolveAsync(ghost, default));
    }

    private static ClaimsPrincipal Principal(string authenticationType, params Claim[] claims) =>
        new(new ClaimsIdentity(claims, authenticationType));
}
