using InvitationKit.AspNetCore.UI;
using InvitationKit.AspNetCore.UI.Links;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds InvitationKit's screens (<c>InvitationKit.AspNetCore.UI</c>) to a host.</summary>
public static class InvitationKitUIServiceCollectionExtensions
{
    /// <summary>
    /// Adds the screens under <c>/Invitations</c>: the account page (<c>/Invitations/Accounts/{accountId}</c>, behind
    /// <see cref="InvitationKitUIOptions.ManagementPolicy"/>), the invitee's landing page (<c>/Invitations/Invite</c>),
    /// a new user's activation (<c>/Invitations/Activate</c>) and the signed-in user's invitations
    /// (<c>/Invitations/Received</c>). Needs the kit (<c>AddInvitationKit()</c>), Razor Pages mapped
    /// (<c>app.MapRazorPages()</c>), authentication, and <c>app.UseRequestLocalization()</c> for languages other than the
    /// host's default.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Adjusts <see cref="InvitationKitUIOptions"/>; null keeps the defaults.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddInvitationKitUI(this IServiceCollection services, Action<InvitationKitUIOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<InvitationKitUIOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.PageSize is >= 1 and <= 100, "InvitationKitUIOptions.PageSize must be 1..100.")
            .Validate(o => LocalPath.IsLocal(o.HomePath), "InvitationKitUIOptions.HomePath must be a local path such as /.")
            .ValidateOnStart();
        services.AddRazorPages();
        services.AddLocalization();
        services.AddDataProtection();
        services.TryAddSingleton<InvitationLinkCookie>();
        services.AddOptions<RazorPagesOptions>().Configure<IOptions<InvitationKitUIOptions>>((pages, ui) =>
        {
            if (ui.Value.ManagementPolicy is { } policy)
            {
                pages.Conventions.AuthorizeAreaFolder(UIArea.Name, "/Accounts", policy);
            }
            else
            {
                pages.Conventions.AuthorizeAreaFolder(UIArea.Name, "/Accounts");
            }

            if (ui.Value.ReceivedInvitationsPolicy is { } received)
            {
                pages.Conventions.AuthorizeAreaPage(UIArea.Name, "/Received", received);
            }
            else
            {
                pages.Conventions.AuthorizeAreaPage(UIArea.Name, "/Received");
            }

            pages.Conventions.AddAreaFolderApplicationModelConvention(UIArea.Name, "/", page => page.Filters.Add(new NoReferrerFilter()));
        });
        return services;
    }
}
