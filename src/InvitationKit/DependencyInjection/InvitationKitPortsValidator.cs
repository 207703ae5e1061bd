using InvitationKit.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvitationKit;

/// <summary>
/// Reports a port the host forgot to register, with the fix, together with the options' own problems — at start-up
/// with <c>ValidateOnStart</c>, instead of a generic DI error when the manager is first resolved.
/// </summary>
internal sealed class InvitationKitPortsValidator(IServiceProviderIsService services) : IValidateOptions<InvitationKitOptions>
{
    private static readonly (Type Port, string What)[] Required =
    [
        (typeof(IInvitationStore), "a store: .UseEntityFrameworkCore<TContext>() from InvitationKit.EntityFrameworkCore, or your own IInvitationStore"),
        (typeof(IUserDirectory), "your user directory (services.AddScoped<IUserDirectory, YourUserDirectory>())"),
        (typeof(IAccountDirectory), "your account directory (services.AddScoped<IAccountDirectory, YourAccountDirectory>())"),
        (typeof(IInvitationMailer), "your mailer (services.AddScoped<IInvitationMailer, YourMailer>())"),
    ];

    public ValidateOptionsResult Validate(string? name, InvitationKitOptions options)
    {
        var missing = Required
            .Where(r => !services.IsService(r.Port))
            .Select(r => $"No {r.Port.Name} is registered. Register {r.What}, or call .UseInMemoryPorts() from InvitationKit.Testing for development.")
            .ToArray();
        return missing.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }
}
