using static Microsoft.Playwright.Assertions;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>The invite dialog's options per invitation (rule 25): how long it stays valid and the language it is sent in.</summary>
public abstract partial class BrowserTests
{
    [BrowserFact]
    public async Task An_invitation_valid_for_3_days_in_Russian_is_listed_so_and_mailed_in_Russian()
    {
        await SignInAsync(Owner);
        await Page.GotoAsync(AccountPage);
        await Page.Locator("#emails").FillAsync("olga@example.com");
        await Page.GetByText("More options").ClickAsync();
        await Page.Locator("#lifetime").FillAsync("3");
        await Page.Locator("#language").SelectOptionAsync("ru");
        AssertClean(await CheckAsync(null)); // the dialog's options open, at both widths
        await Page.GetByTestId("invite").ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("Invited 1");

        var row = Page.Locator("tr[data-email='olga@example.com']");
        await Expect(row.GetByTestId("language")).ToHaveTextAsync("ru");
        var expires = DateTime.Parse((await row.Locator("time").GetAttributeAsync("datetime"))!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.InRange(expires - DateTime.UtcNow, TimeSpan.FromDays(3) - TimeSpan.FromHours(1), TimeSpan.FromDays(3) + TimeSpan.FromHours(1));

        var mail = await App.MailToAsync("olga@example.com");
        Assert.Matches("[А-Яа-яЁё]", mail.Subject);
    }

    [BrowserFact]
    public async Task A_lifetime_out_of_the_deployments_bounds_is_refused_beside_the_dialog()
    {
        await SignInAsync(Owner);
        await Page.GotoAsync(AccountPage);
        await Page.Locator("#emails").FillAsync("olga@example.com");
        await Page.GetByText("More options").ClickAsync();
        await Page.Locator("#lifetime").EvaluateAsync("e => e.removeAttribute('max')"); // past the browser's own check
        foreach (var days in new[] { "400", "99999999", "99999999999" }) // past the kit's bounds, NodaTime's range, an int's
        {
            await Page.Locator("#lifetime").FillAsync(days);
            await Page.GetByTestId("invite").ClickAsync();
            await Expect(Page.GetByTestId("problems").Locator("li[data-code='LifetimeOutOfBounds']")).ToBeVisibleAsync();
            await Expect(Page.Locator("#emails")).ToHaveValueAsync("olga@example.com"); // kept to correct
            await Page.Locator("#lifetime").EvaluateAsync("e => e.removeAttribute('max')");
        }

        await Expect(Page.GetByTestId("invitations")).ToContainTextAsync("No invitations.");
    }
}
