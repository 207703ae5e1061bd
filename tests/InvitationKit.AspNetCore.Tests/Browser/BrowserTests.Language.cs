using InvitationKit.Samples.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>
/// Issue 21's language per invitation, on the landing page: an invitation the owner sent in Russian opens in Russian in
/// a browser that sends English, and a visitor who chose a language keeps it.
/// </summary>
public abstract partial class BrowserTests
{
    [BrowserFact]
    public async Task An_invitation_sent_in_Russian_opens_in_Russian_unless_the_visitor_chose_a_language()
    {
        // The screens' dialog offers no language; the kit's API (and its JSON endpoint) do.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var owner = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(Owner);
            var invited = await scope.ServiceProvider.GetRequiredService<IInvitationManager>().InviteAsync(
                Actor.User(owner!.Id),
                new InviteRequest(DemoAccounts.Acme.Id, DemoAccounts.ProductId, [new InviteRecipient("ivan@example.com", ["VIEWER"])]) { Language = "ru-RU" });
            Assert.True(invited.Succeeded, invited.ToString());
        }

        await OpenMailAsync("ivan@example.com");
        await FollowMailLinkAsync("/Invite?secret=");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Expect(Page.GetByTestId("preview")).ToContainTextAsync("Вас приглашают в аккаунт «Acme Corp»");

        await Page.GotoAsync("/Invitations/Invite?culture=en&ui-culture=en"); // the visitor's own choice wins
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(Page.GetByTestId("preview")).ToContainTextAsync("You are invited to join Acme Corp");
    }
}
