using System.Reflection;

namespace InvitationKit.Tests.Faults;

/// <summary>How a port call is made to fail.</summary>
public enum FaultMode
{
    /// <summary>The call fails before it reaches the port: nothing happened.</summary>
    ThrowBefore,

    /// <summary>The call completes, then its reply is lost: it happened, the caller is told it failed.</summary>
    ThrowAfter,

    /// <summary>The call is cancelled before it reaches the port.</summary>
    Cancel,
}

/// <summary>The fault every test injects: the only exception (beside cancellation) allowed to escape an operation.</summary>
public sealed class InjectedFault(string call) : Exception($"Injected fault at {call}.");

/// <summary>
/// Counts the port calls an operation makes and fails the k-th one. Every port is wrapped by <see cref="FaultProxy{T}"/>,
/// which asks it before and after each call.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private int _calls;
    private int? _failAt;
    private FaultMode _mode;

    /// <summary>The calls counted since <see cref="Arm"/> or <see cref="Count"/>.</summary>
    public int Calls
    {
        get { lock (_gate) { return _calls; } }
    }

    /// <summary>The call that was failed, once it was.</summary>
    public string? Failed { get; private set; }

    /// <summary>Counts calls without failing any.</summary>
    public void Count()
    {
        lock (_gate)
        {
            (_calls, _failAt, Failed) = (0, null, null);
        }
    }

    /// <summary>Fails the k-th call (1-based) from now.</summary>
    public void Arm(int k, FaultMode mode)
    {
        lock (_gate)
        {
            (_calls, _failAt, _mode, Failed) = (0, k, mode, null);
        }
    }

    /// <summary>Stops failing and counting.</summary>
    public void Disarm()
    {
        lock (_gate)
        {
            _failAt = null;
        }
    }

    internal (bool Fail, FaultMode Mode) Next(string call)
    {
        lock (_gate)
        {
            _calls++;
            if (_failAt == _calls)
            {
                Failed = call;
                return (true, _mode);
            }

            return (false, default);
        }
    }
}

/// <summary>Wraps a port so the injector can fail any of its calls, before or after the call, or cancel it.</summary>
public class FaultProxy<T> : DispatchProxy
    where T : class
{
    private static readonly MethodInfo AfterMethod = typeof(FaultProxy<T>).GetMethod(nameof(AfterAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private T _inner = null!;
    private FaultInjector _injector = null!;

    /// <summary>A port that fails as the injector says.</summary>
    public static T Wrap(T inner, FaultInjector injector)
    {
        var proxy = Create<T, FaultProxy<T>>();
        var self = (FaultProxy<T>)(object)proxy;
        (self._inner, self._injector) = (inner, injector);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var call = $"{typeof(T).Name}.{targetMethod.Name}";
        var (fail, mode) = _injector.Next(call);
        if (fail && mode != FaultMode.ThrowAfter)
        {
            Exception error = mode == FaultMode.Cancel ? new OperationCanceledException($"Injected cancellation at {call}.") : new InjectedFault(call);
            return targetMethod.ReturnType == typeof(Task) ? Task.FromException(error)
                : targetMethod.ReturnType.IsGenericType && targetMethod.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                    ? typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]).Invoke(null, [error])
                    : throw error;
        }

        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }

        if (!fail)
        {
            return result;
        }

        // The call ran; its reply is lost.
        return result switch
        {
            Task task when targetMethod.ReturnType == typeof(Task) => LoseAsync(task, call),
            Task task => AfterMethod.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]).Invoke(null, [task, call]),
            _ => throw new InjectedFault(call),
        };
    }

    private static async Task LoseAsync(Task task, string call)
    {
        await task.ConfigureAwait(false);
        throw new InjectedFault(call);
    }

    private static async Task<TResult> AfterAsync<TResult>(Task<TResult> task, string call)
    {
        await task.ConfigureAwait(false);
        throw new InjectedFault(call);
    }
}
