using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace InvitationKit.AspNetCore.Identity;

/// <summary>
/// Part of the kit's start-up validation when Identity is the user directory: Identity must keep one user per email
/// (<see cref="UserOptions.RequireUniqueEmail"/>), or an invitation to an address two users share cannot be bound to
/// either, and the directory's lookup fails on every invite of that address.
/// </summary>
internal sealed class IdentityUniqueEmailValidator(IOptions<IdentityOptions> identity) : IValidateOptions<InvitationKitOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationKitOptions options) =>
        identity.Value.User.RequireUniqueEmail
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                "ASP.NET Core Identity lets two users share an email (IdentityOptions.User.RequireUniqueEmail is false, its default), " +
                "so InvitationKit cannot tell which user an address invites. Set o.User.RequireUniqueEmail = true in AddIdentity or " +
                "AddIdentityCore (and remove duplicate emails from existing users).");
}
