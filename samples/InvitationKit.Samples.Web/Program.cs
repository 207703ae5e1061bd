// The InvitationKit web sample: ASP.NET Core Identity, the kit's screens (InvitationKit.AspNetCore.UI) and endpoints, on one SQLite file, with
// the kit's SMTP mailer for all of its mail.
//   dotnet run --project samples/InvitationKit.Samples.Web        then open http://localhost:5080
// In Development an SMTP catcher inside the app takes that mail and shows it on /Mailbox. In any other environment there
// is no catcher and /Mailbox answers 404: give the mailer your SMTP server in configuration (InvitationKit:Mail:BaseUrl,
// an https address, and InvitationKit:Mail:Smtp:Host, Port, Security, UserName; the password from a secret store).
using InvitationKit;
using InvitationKit.EntityFrameworkCore;
using InvitationKit.Mail;
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
builder.Services.AddDbContext<SampleDbContext>((sp, o) => sp.GetRequiredService<SampleDatabase>().Use(o));
builder.Services.AddIdentity<IdentityUser, IdentityRole>(o =>
    {
        o.User.RequireUniqueEmail = true; // the kit refuses to start without it
        o.User.AllowedUserNameCharacters = string.Empty; // usernames are emails: allow every character of an address
        o.Password.RequiredLength = 8; // NIST SP 800-63B's minimum; Identity's default is 6
        o.SignIn.RequireConfirmedAccount = true; // the sign-up's users sign in once they confirmed their email
    })
    .AddEntityFrameworkStores<SampleDbContext>()
    .AddDefaultTokenProviders(); // the sign-up's email confirmation tokens
builder.Services.AddSingleton<IEmailSender<IdentityUser>, SmtpAccountMailer>(); // the kit's SMTP server and sender
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/SignIn";
    // An API call without a cookie is told 401/403, not redirected to the sign-in page.
    o.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
    o.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
});

// InvitationKit: the rules, its EF Core store in the same file, Identity as the user directory, the demo's accounts,
// product and roles, its SMTP mailer and templates (configured from InvitationKit:Mail in appsettings), the notices to
// inviters and managers over the same SMTP server (they turn on the invitee's "Ask for a new invitation" and the
// reminder notices; Identity's users with a confirmed email are their recipients), and the background dispatcher that
// retries mail.
builder.Services.AddDbContext<InvitationKitDbContext>((sp, o) => sp.GetRequiredService<SampleDatabase>().Use(o));
builder.Services.AddOptions<InvitationKitOptions>()
    .Configure<SampleDatabase>((o, database) => o.SecretKey = database.SecretKey); // production: from a secret store
builder.Services.AddInvitationKit()
    .UseEntityFrameworkCore<InvitationKitDbContext>()
    .UseAspNetCoreIdentity<IdentityUser>()
    .UseSmtpMailer(builder.Configuration.GetSection("InvitationKit:Mail"))
    .UseSmtpNoticeMailer();
builder.Services.AddSingleton<IAccountDirectory, DemoAccounts>();
builder.Services.AddSingleton<DemoCatalog>();
builder.Services.AddSingleton<IProductCatalog>(sp => sp.GetRequiredService<DemoCatalog>());
builder.Services.AddSingleton<IRoleCatalog>(sp => sp.GetRequiredService<DemoCatalog>());
builder.Services.AddInvitationKitBackgroundServices();

// Development: the SMTP catcher, the server the mailers send to (appsettings.Development.json), keeps every mail in a
// folder beside the database for the Mailbox page. With InvitationKit:Mail:Smtp:Port 0 it listens on a free port and the
// mailers follow it.
builder.Services.AddSingleton<MailFolder>();
if (builder.Environment.IsDevelopment())
{
    builder.Services.AddSingleton<SmtpCatcher>();
    builder.Services.AddHostedService(sp => sp.GetRequiredService<SmtpCatcher>());
    builder.Services.AddOptions<InvitationMailOptions>().PostConfigure<SmtpCatcher>((o, catcher) => o.Smtp.Port = catcher.Port);
}

// The kit's screens (InvitationKit.AspNetCore.UI): the account page, the invitee's landing and activation pages, and
// "My invitations", under /Invitations. The sample overrides only the page frame (Areas/Invitations/Pages/_ViewStart).
builder.Services.AddInvitationKitUI();

// The screens speak the request's language (Accept-Language, or ?culture=ru), English or Russian, and so do the kit's
// refusals on them.
builder.Services.Configure<RequestLocalizationOptions>(o => o.SetDefaultCulture("en").AddSupportedCultures("en", "ru").AddSupportedUICultures("en", "ru"));
builder.Services.AddProblemDetails();

// Behind a reverse proxy the client's address is in X-Forwarded-For: the kit's per-client throttles read it once the
// proxy is trusted here (add its address to KnownProxies, or its network to KnownIPNetworks; loopback is trusted already).
builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

var app = builder.Build();
await DemoData.EnsureAsync(app.Services, withDemoUsers: app.Environment.IsDevelopment());

app.UseForwardedHeaders();
app.UseRequestLocalization();
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
