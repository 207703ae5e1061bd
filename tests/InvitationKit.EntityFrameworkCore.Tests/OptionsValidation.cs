using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>What the kit's start-up validation reports for a registration (the store's schema check included).</summary>
internal static class OptionsValidation
{
    /// <summary>The failures, empty when the registration passes.</summary>
    /// <param name="register">Registers the context and the store on the kit (in-memory ports beside it).</param>
    public static IReadOnlyList<string> Failures(Action<IServiceCollection, InvitationKitBuilder> register)
    {
        var services = new ServiceCollection();
        register(services, services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts());
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

    /// <summary>The failures for the kit's own context on a test database.</summary>
    public static IReadOnlyList<string> Failures(TestDatabase database) => Failures((services, kit) =>
    {
        services.AddDbContext<InvitationKitDbContext>(o => database.Configure(o));
        kit.UseEntityFrameworkCore<InvitationKitDbContext>();
    });
}
