using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>Misconfigurations of the EF Core store are reported at start-up, with the fix in the message.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public void A_context_that_is_not_registered_is_reported()
    {
        var failures = Validate(services => { });
        Assert.Contains(failures, f => f.Contains("call services.AddDbContext<InvitationKitDbContext>", StringComparison.Ordinal));
    }

    [Fact]
    public void A_model_without_the_invitationkit_tables_is_reported()
    {
        var failures = Validate(services => services.AddDbContext<PlainContext>(o => o.UseSqlite("Data Source=:memory:")), plain: true);
        Assert.Contains(failures, f => f.Contains("call modelBuilder.ApplyInvitationKitModel() in PlainContext.OnModelCreating", StringComparison.Ordinal));
    }

    [Fact]
    public void A_correct_registration_passes()
    {
        var failures = Validate(services => services.AddDbContext<InvitationKitDbContext>(o => o.UseSqlite("Data Source=:memory:")));
        Assert.Empty(failures);
    }

    private static IReadOnlyList<string> Validate(Action<IServiceCollection> register, bool plain = false)
    {
        var services = new ServiceCollection();
        register(services);
        var builder = services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts();
        _ = plain ? builder.UseEntityFrameworkCore<PlainContext>() : builder.UseEntityFrameworkCore<InvitationKitDbContext>();
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<InvitationKitOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return exception.Failures.ToArray();
        }
    }

    private sealed class PlainContext(DbContextOptions<PlainContext> options) : DbContext(options);
}
