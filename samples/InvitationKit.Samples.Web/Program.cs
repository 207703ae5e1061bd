// The InvitationKit web sample: ASP.NET Core Identity, Razor Pages and the kit's endpoints, on one SQLite file.
//   dotnet run --project samples/InvitationKit.Samples.Web        then open http://localhost:5080
using InvitationKit;
using InvitationKit.EntityFrameworkCore;
using InvitationKit.Samples.Web;
using InvitationKit.Samples.Web.Data;
using InvitationKit.Samples.Web.Mail;
using InvitationKit.Ports;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<SampleDatabase>();

// ASP.NET Core Identity: the users, their passwords and the sign-in cookie.
builder.Services.AddDbContext<SampleDbContext>((sp, o) => o.UseSqlite(sp.GetRequiredService<SampleDatabase>().ConnectionString));
builder.Services.AddIdentity<IdentityUser, IdentityRole>(o =>
    {
        o.User.RequireUniqueEmail = true; // the kit refuses to start without it
        o.User.AllowedUserNameCharacters = string.Empty; // usernames are emails: allow every character of an address
        o.Password.RequiredLength = 8; // NIST SP 800-63B's minimum; Identity's default is 6
        o.SignIn.RequireConfirmedAccount = true; // the sign-up's users sign in once they confirmed their email
    })
    .AddEntityFrameworkStores<SampleDbContext>()
    .AddDefaultTokenProviders(); // the sign-up's email confirmation tokens
builder.Services.AddSingleton<AccountMailbox>();
builder.Services.AddSingleton<IEmailSender<IdentityUser>>(sp => sp.GetRequiredService<AccountMailbox>());
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/SignIn";
    // An API call without a cookie is told 401/403, not redirected to the sign-in page.
    o.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
    o.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
});

// InvitationKit: the rules, its EF Core store in the same file, Identity as the user directory, the demo's accounts and a
// development mailbox instead of a mail server, and the background dispatcher that retries mail.
builder.Services.AddDbContext<InvitationKitDbContext>((sp, o) => o.UseSqlite(sp.GetRequiredService<SampleDatabase>().ConnectionString));
builder.Services.AddOptions<InvitationKitOptions>()
    .Configure<SampleDatabase>((o, database) => o.SecretKey = database.SecretKey); // production: from a secret store
builder.Services.AddInvitationKit()
    .UseEntityFrameworkCore<InvitationKitDbContext>()
    .UseAspNetCoreIdentity<IdentityUser>();
builder.Services.AddSingleton<IAccountDirectory, DemoAccounts>();
builder.Services.AddSingleton<DevelopmentMailbox>();
builder.Services.AddSingleton<IInvitationMailer>(sp => sp.GetRequiredService<DevelopmentMailbox>());
builder.Services.AddInvitationKitBackgroundServices();

builder.Services.AddRazorPages(o => o.Conventions.AuthorizePage("/Team"));
builder.Services.AddProblemDetails();

// Behind a reverse proxy the client's address is in X-Forwarded-For: the kit's per-client throttles read it once the
// proxy is trusted here (add its address to KnownProxies, or its network to KnownIPNetworks; loopback is trusted already).
builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

var app = builder.Build();
await DemoData.EnsureAsync(app.Services);

app.UseForwardedHeaders();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapRazorPages();
app.MapInvitationKit("/api/invitationkit");
app.Run();

static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
{
    if (context.Request.Path.StartsWithSegments("/api"))
    {
        context.Response.StatusCode = status;
    }
    else
    {
        context.Response.Redirect(context.RedirectUri);
    }

    return Task.CompletedTask;
}

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
