package io.hikeshi.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/** Slack Web API clients whose token is read when a call is made, not when the client is built. */
public final class SlackClients {

    private SlackClients() { }

    /**
     * A client that takes the bot token from {@code token} on every call (a secrets cache), so a
     * rotated token is used from the moment the cache has it. A {@link MethodsClient} holds its token
     * for life; building one per call is cheap (the HTTP client is shared by {@code slack}).
     */
    public static MethodsClient withCurrentToken(Slack slack, Supplier<String> token) {
        return (MethodsClient) Proxy.newProxyInstance(MethodsClient.class.getClassLoader(), new Class<?>[] {MethodsClient.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0]
                                : method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                                : "MethodsClient with the current bot token";
                    }
                    try {
                        return method.invoke(slack.methods(token.get()), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
