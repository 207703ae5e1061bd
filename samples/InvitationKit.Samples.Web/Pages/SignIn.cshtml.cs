using InvitationKit.Samples.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvitationKit.Samples.Web.Pages;

/// <summary>Signing in with Identity: a demo user in one click, or any user with their password.</summary>
public sealed class SignInModel(SignInManager<IdentityUser> signIn, IWebHostEnvironment environment) : PageModel
{
    /// <summary>Where to go after signing in; only a local path is followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Whether the last attempt failed.</summary>
    public bool Failed { get; private set; }

    /// <summary>Signs in with an email and password.</summary>
    /// <param name="email">The email.</param>
    /// <param name="password">The password.</param>
    /// <returns>A redirect, or the page with the failure.</returns>
    public async Task<IActionResult> OnPostAsync(string email, string password) => await SignInAsync(email, password);

    /// <summary>Signs in as a demo user.</summary>
    /// <param name="email">The demo user's email.</param>
    /// <returns>A redirect, or the page with the failure.</returns>
    public async Task<IActionResult> OnPostDemoAsync(string email) =>
        !environment.IsDevelopment() ? NotFound() // the one-click sign-in is a development convenience, never served beyond it
        : DemoData.Users.Any(u => u.Email == email) ? await SignInAsync(email, DemoData.Password) : Page();

    /// <summary>Signs out.</summary>
    /// <returns>A redirect home.</returns>
    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }

    private async Task<IActionResult> SignInAsync(string email, string password)
    {
        var result = await signIn.PasswordSignInAsync(email ?? string.Empty, password ?? string.Empty, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        Failed = true;
        return Page();
    }
}
