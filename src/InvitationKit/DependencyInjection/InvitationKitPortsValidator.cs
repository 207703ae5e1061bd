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
    private const string DevelopmentFix = ", or call .UseInMemoryPorts() from InvitationKit.Testing for development.";

    private static readonly Type[] StoreRoles =
        [typeof(IInvitationStore), typeof(IMemberStore), typeof(IOtpBudgetStore), typeof(IInvitationOutbox), typeof(IInvitationMaintenanceStore)];

    private static readonly (Type Port, string What)[] Required =
    [
        (typeof(IUserDirectory), "your user directory (services.AddScoped<IUserDirectory, YourUserDirectory>())"),
        (typeof(IAccountDirectory), "your account directory (services.AddScoped<IAccountDirectory, YourAccountDirectory>())"),
        (typeof(IInvitationMailer), "your mailer (services.AddScoped<IInvitationMailer, YourMailer>())"),
    ];

    public ValidateOptionsResult Validate(string? name, InvitationKitOptions options)
    {
        // No store at all is one problem; a store missing some of its roles names each of them.
        var missingRoles = StoreRoles.Where(r => !services.IsService(r)).Select(r => r.Name).ToArray();
        var store = missingRoles.Length == 0 ? []
            : missingRoles.Length == StoreRoles.Length ? [$"No store is registered. Register one: .UseEntityFrameworkCore<TContext>() from InvitationKit.EntityFrameworkCore, or your own with .UseStore<TStore>(){DevelopmentFix}"]
            : new[] { $"The store is registered without its {string.Join(", ", missingRoles)} role(s). Register the store with .UseStore<TStore>(), which registers every role, or register each of them." };
        var missing = store
            .Concat(Required.Where(r => !services.IsService(r.Port)).Select(r => $"No {r.Port.Name} is registered. Register {r.What}{DevelopmentFix}"))
            .ToArray();
        return missing.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }
}
