namespace InvitationKit.AspNetCore.UI;

/// <summary>
/// How the screens of <c>AddInvitationKitUI()</c> behave. Who may reach the account page, and who a signed-in user acts
/// as, are the endpoints' settings (<see cref="Endpoints.InvitationKitEndpointOptions.ManagementPolicy"/>,
/// <see cref="Endpoints.InvitationKitEndpointOptions.ResolveActor"/>), so the screens and the JSON endpoints never
/// disagree.
/// </summary>
public sealed class InvitationKitUIOptions
{
    /// <summary>Invitations per page on the account page's invitations tab, 1..100.</summary>
    /// <value>Defaults to 20.</value>
    public int PageSize { get; set; } = 20;

    /// <summary>
    /// Where a page sends someone who is done (after accepting, activating or declining): the host's home, or its app.
    /// A local path only; the screens never redirect off the site.
    /// </summary>
    /// <value>Defaults to <c>/</c>.</value>
    public string HomePath { get; set; } = "/";
}
