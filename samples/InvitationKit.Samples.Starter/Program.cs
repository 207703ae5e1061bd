// The starter: a new ASP.NET Core app with ASP.NET Core Identity's own UI (sign up, sign in) and InvitationKit's
// screens, added in one line (AddInvitationKitUI). Everything else here is what any host of the kit writes: its database,
// its accounts, products and roles (StarterCatalog) and the kit's mail. No demo user, no page of the kit's written again.
//   dotnet run --project samples/InvitationKit.Samples.Starter        then open http://localhost:5090
// In Development mail is written as .eml files into the folder "mail" (InvitationKit:Mail:PickupDirectory); elsewhere
// configure InvitationKit:Mail:BaseUrl (https) and InvitationKit:Mail:Smtp, and InvitationKit:SecretKey from a secret store.
using InvitationKit.EntityFrameworkCore;
using InvitationKit.Ports;
using InvitationKit.Samples.Starter;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);

// Identity's tables and the kit's in one SQLite database; Identity's default UI under /Identity/Account.
builder.Services.AddDbContext<StarterDbContext>(o => o.UseSqlite(builder.Configuration.GetConnectionString("Starter")));
builder.Services.AddDefaultIdentity<IdentityUser>(o =>
    {
        o.User.RequireUniqueEmail = true; // the kit refuses to start without it
        o.User.AllowedUserNameCharacters = string.Empty; // usernames are emails: allow every character of an address
        o.Password.RequiredLength = 8;
        o.SignIn.RequireConfirmedAccount = true; // an account's first owner and every invitee prove their email first
    })
    .AddEntityFrameworkStores<StarterDbContext>();

// Identity's account mail (confirming a registration, resetting a password): into the kit's pickup folder in development.
// Without a sender of its own, Identity's UI shows a registration's confirmation link on its page, so anyone could confirm
// any address (and claim the invitations sent to it): elsewhere, register your mail service's IEmailSender here.
if (builder.Configuration["InvitationKit:Mail:PickupDirectory"] is not null)
{
    builder.Services.AddTransient<Microsoft.AspNetCore.Identity.UI.Services.IEmailSender, PickupAccountMailer>();
}
else
{
    throw new InvalidOperationException("Register an IEmailSender for Identity's account mail (or set InvitationKit:Mail:PickupDirectory in development).");
}

// InvitationKit: its store in the same database, Identity as its user directory, the app's accounts, products and roles,
// its mail, and the background dispatcher that sends and retries that mail.
builder.Services.AddInvitationKit(o => o.SecretKey = Convert.FromBase64String(builder.Configuration["InvitationKit:SecretKey"]
        ?? throw new InvalidOperationException("Set InvitationKit:SecretKey to 32 random bytes in base64, from your secret store.")))
    .UseEntityFrameworkCore<StarterDbContext>()
    .UseAspNetCoreIdentity<IdentityUser>()
    .UseSmtpMailer(builder.Configuration.GetSection("InvitationKit:Mail"))
    .UseSmtpNoticeMailer(); // the inviter told when a dead link's holder asks for a new invitation
builder.Services.AddSingleton<StarterCatalog>();
builder.Services.AddSingleton<IAccountDirectory>(sp => sp.GetRequiredService<StarterCatalog>());
builder.Services.AddSingleton<IProductCatalog>(sp => sp.GetRequiredService<StarterCatalog>());
builder.Services.AddSingleton<IRoleCatalog>(sp => sp.GetRequiredService<StarterCatalog>());
builder.Services.AddInvitationKitBackgroundServices();

// The kit's screens: the one line.
builder.Services.AddInvitationKitUI();

builder.Services.Configure<RequestLocalizationOptions>(o => o.SetDefaultCulture("en").AddSupportedCultures("en", "ru").AddSupportedUICultures("en", "ru"));

var app = builder.Build();
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<StarterDbContext>();
    await db.Database.EnsureCreatedAsync();   // Identity's tables (a real app: migrations, docs/aspnetcore.md)
    await InvitationKitSchema.ApplyAsync(db); // the kit's tables, from its scripts
}

app.UseRequestLocalization();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapRazorPages();
app.Run();
