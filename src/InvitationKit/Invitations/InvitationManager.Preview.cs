using InvitationKit.Ports;
using InvitationKit.Products;

namespace InvitationKit;

/// <summary>The landing page of a link (rule 9): what the invitation offers, read-only.</summary>
internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<InvitationPreview>> PreviewAsync(string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        cancellationToken.ThrowIfCancellationRequested();
        var invitation = await FindBySecretAsync(secret, cancellationToken).ConfigureAwait(false);
        if (invitation is null)
        {
            return InvitationErrors.InvitationNotFound();
        }

        // Rule 19: the link's holder may learn that the host disabled the account, as they learn its name.
        var account = await _accounts.FindAsync(invitation.AccountId, cancellationToken).ConfigureAwait(false);
        if ((EnsureEnabled(account) ?? InvitationStatusMachine.EnsurePending(invitation, _clock.GetCurrentInstant())) is { } refused)
        {
            return refused;
        }

        // The landing page says at once what accepting would: a product that cannot be invited into is refused here too.
        var product = await InvitableProduct.FindAsync(_products, invitation.ProductId, cancellationToken).ConfigureAwait(false);
        if (!product.TryGetValue(out var found))
        {
            return product.ConvertError<InvitationPreview>();
        }

        return Preview(invitation, account, found);
    }

    /// <summary>What a landing page shows of an invitation (its account's name, or its id when the directory has none).</summary>
    private static InvitationPreview Preview(Invitation invitation, AccountInfo? account, ProductInfo product) => new()
    {
        AccountId = invitation.AccountId,
        AccountName = account?.Name ?? invitation.AccountId,
        ProductId = invitation.ProductId,
        ProductName = product.Name,
        Kind = invitation.Kind,
        Roles = invitation.Roles,
        GrantsOwner = invitation.GrantsOwner,
        ExpiresAt = invitation.ExpiresAt,
        ReturnUrl = invitation.ReturnUrl,
        Language = invitation.Language,
    };
}
