using System.Security.Cryptography;
using System.Text;
using InvitationKit.Permissions;

namespace InvitationKit;

/// <summary>What makes two invite requests "the same request" for an idempotency key.</summary>
internal static class IdempotentInvites
{
    /// <summary>
    /// A SHA-256 digest (hex) of the actor, product, mode, the pending-invitation choice (when not the default), the options
    /// per invitation (each when given: lifetime, metadata, return URL, language) and recipients in order — each by email key (its text when it
    /// is no address), its roles as a set (as <see cref="RoleNames"/> normalizes them) and its owner flag; and whether the links are handed to the host. Addresses are never stored in the clear by this.
    /// </summary>
    public static string Fingerprint(Actor actor, InviteRequest request, bool hostDelivered = false)
    {
        var text = new StringBuilder()
            .Append(actor.UserId).Append('\n').Append(actor.IsAdmin).Append('\n')
            .Append(request.ProductId).Append('\n').Append((int)request.Mode).Append('\n');
        if (request.WhenPending != PendingInvitationChoice.Refuse)
        {
            // Only a choice other than the default is written, so the digests of requests made before it existed stand.
            text.Append("when pending ").Append((int)request.WhenPending).Append('\n');
        }

        // The options per invitation (rule 25), each only when given, so the digests of requests made before them stand.
        if (request.Lifetime is { } lifetime)
        {
            text.Append("lifetime ").Append(lifetime.BclCompatibleTicks).Append('\n');
        }

        foreach (var (key, value) in (request.Metadata ?? InvitationMetadata.Empty).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append("metadata ").Append(key.Length).Append(':').Append(key).Append(value?.Length ?? -1).Append(':').Append(value).Append('\n');
        }

        if (request.ReturnUrl is { } returnUrl)
        {
            text.Append("return url ").Append(returnUrl).Append('\n');
        }

        if (request.Language is { } language)
        {
            text.Append("language ").Append(language.ToLowerInvariant()).Append('\n');
        }

        if (hostDelivered)
        {
            // A host-delivered invite is another request than the mailed one with the same recipients (rule 24).
            text.Append("host delivered\n");
        }

        foreach (var recipient in request.Recipients)
        {
            var email = EmailAddress.TryParse(recipient.Email, out var parsed) ? parsed.Key : recipient.Email;
            text.Append(email).Append('\t').AppendJoin(',', RoleNames.AsSet(recipient.Roles)).Append('\t').Append(recipient.GrantsOwner).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
