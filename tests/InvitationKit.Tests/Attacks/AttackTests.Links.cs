using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>Attacks 7, 8 and 9: hostile secrets, forwarded links, and mail scanners that open links.</summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task Secrets_and_codes_of_every_length_get_a_typed_result_and_spend_nothing()
    {
        await using var kit = await KitAsync(o => o.MaxOtpAttempts = 1);
        var id = await kit.InviteOneAsync("nina@example.com");
        var identity = new SignedInIdentity("someone", "nina@example.com", "password", EmailVerified: true);
        foreach (var length in Enumerable.Range(0, 300).Append(10_000))
        {
            var hostile = new string('A', length);
            (await kit.Manager.AcceptAsync(hostile, identity)).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
            (await kit.Manager.RejectAsync(hostile)).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
            (await kit.Manager.PreviewAsync(hostile)).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
            if (length > 128)
            {
                // Longer than any code: refused before the budget is touched (the previous main threw here after spending an attempt).
                (await kit.Manager.ActivateAsync(Activation("nina@example.com", new string('9', length)))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
            }
        }

        // From the invitation's page a spent budget is told: the longest code reaches the budget like any other.
        var secret = kit.SecretFor("nina@example.com");
        (await kit.Manager.ActivateAsync(Activation("nina@example.com", Wrong(kit.OtpFor("nina@example.com")), secret: secret))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        (await kit.Manager.ActivateAsync(Activation("nina@example.com", new string('9', 128), secret: secret))).ShouldFailWith(InvitationErrorCode.OtpLockedOut);
        Assert.Equal(InvitationStatus.Pending, (await kit.StoredAsync(id)).Status);
    }

    [StoreFact]
    public async Task A_forwarded_existing_user_link_cannot_be_accepted_by_another_account()
    {
        await using var kit = await KitAsync();
        var bob = kit.Users.AddUser("bob@example.com");
        var id = await kit.InviteOneAsync("bob@example.com");
        var secret = kit.SecretFor("bob@example.com");

        // Mallory signs in through a provider that let her claim Bob's address.
        (await kit.Manager.AcceptAsync(secret, new SignedInIdentity("mallory", "bob@example.com", "LaxIdP", EmailVerified: true))).ShouldFailWith(InvitationErrorCode.NotTheInvitedUser);
        (await kit.Manager.AcceptAsync(secret, new SignedInIdentity(bob.Id, "bob@example.com", "LaxIdP", EmailVerified: false))).ShouldFailWith(InvitationErrorCode.EmailNotVerified);
        Assert.Equal(InvitationStatus.Pending, (await kit.StoredAsync(id)).Status);
        (await kit.Manager.AcceptAsync(secret, new SignedInIdentity(bob.Id, "bob@example.com", "Local", EmailVerified: true))).ShouldSucceed();
    }

    [StoreFact]
    public async Task A_new_user_link_cannot_be_accepted_by_someone_signed_in_with_the_address_but_not_its_user()
    {
        await using var kit = await KitAsync();
        var id = await kit.InviteOneAsync("nina@example.com");
        (await kit.Manager.AcceptAsync(kit.SecretFor("nina@example.com"), new SignedInIdentity("mallory", "nina@example.com", "LaxIdP", EmailVerified: true)))
            .ShouldFailWith(InvitationErrorCode.NotTheInvitedUser);
        Assert.Equal(InvitationStatus.Pending, (await kit.StoredAsync(id)).Status);
    }

    [StoreFact]
    public async Task A_mail_scanner_opening_the_link_spends_nothing()
    {
        await using var kit = await KitAsync();
        var id = await kit.InviteOneAsync("nina@example.com");
        var before = await kit.StoredAsync(id);
        for (var i = 0; i < 5; i++)
        {
            var preview = (await kit.Manager.PreviewAsync(kit.SecretFor("nina@example.com"))).ShouldSucceed();
            Assert.Equal(("Acme", "Conversational Cloud", InvitationKind.NewUser), (preview.AccountName, preview.ProductName, preview.Kind));
        }

        Assert.Equal(before, await kit.StoredAsync(id) with { Roles = before.Roles });
        (await kit.Manager.RevokeAsync(kit.Owner, id)).ShouldSucceed();
        (await kit.Manager.PreviewAsync(kit.SecretFor("nina@example.com"))).ShouldFailWith(InvitationErrorCode.InvitationNotPending);
    }
}
