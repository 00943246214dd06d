package io.hikeshi.local;

import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.task.TaskQueue;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.handlers.wiring.SlackWiring;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slack.SlackHttp;
import io.hikeshi.slack.task.SlackTask;
import io.hikeshi.slack.task.SlackTaskRunner;
import io.hikeshi.handlers.wiring.ConfiguredServiceDirectory;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.core.warroom.WarRoomService;
import io.hikeshi.slackstub.SlackApiStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Slack in local mode: the same Bolt app, with tasks run by an in-process worker instead of SQS.
 * With {@code HIKESHI_SLACK_BOT_TOKEN} set it talks to real Slack; without, to a Slack-shaped stub
 * and prints every call it would have made, so nothing needs a workspace.
 */
final class LocalSlack implements AutoCloseable {

    static final String BOT_TOKEN = "HIKESHI_SLACK_BOT_TOKEN";
    static final String SIGNING_SECRET = "HIKESHI_SLACK_SIGNING_SECRET";
    /** Calls that are plumbing, not something a person would see. */
    private static final Set<String> QUIET = Set.of("auth.test", "users.info", "conversations.history",
            "conversations.replies", "chat.getPermalink", "conversations.list", "usergroups.users.list");

    private final SlackHttp http;
    private final SlackWiring composition;
    private final WarRoomService warRoom;
    private final io.hikeshi.slack.postmortem.PostmortemNotices postmortemNotices;
    private final io.hikeshi.slack.cadence.UpdateNudges updateNudges;
    private final SlackApiStub fakeSlack;
    private final SlackCallLog callLog;
    private final TaskWorker worker;
    private final String signingSecret;

    /**
     * The task queue's worker: one thread, as SQS's consumer would be one at a time per message. It counts what it was
     * given and what it finished, so {@link #settle()} can wait for every task queued so far (and those they queue)
     * without sleeping.
     */
    private static final class TaskWorker {
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final AtomicLong queued = new AtomicLong();
        private final AtomicLong finished = new AtomicLong();

        void run(Runnable task) {
            queued.incrementAndGet();
            thread.submit(() -> {
                try {
                    task.run();
                } finally {
                    finished.incrementAndGet();
                }
            });
        }

        /** @return whether any task ran while waiting */
        boolean settle() {
            boolean ran = false;
            while (finished.get() < queued.get()) {
                ran = true;
                try {
                    thread.submit(() -> { }).get(); // FIFO: done once everything queued before it is
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ran;
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }
            return ran;
        }
    }

    private LocalSlack(SlackWiring composition, WarRoomService warRoom, io.hikeshi.slack.postmortem.PostmortemNotices notices,
                       io.hikeshi.slack.cadence.UpdateNudges nudges, SlackApiStub fakeSlack, SlackCallLog callLog,
                       TaskWorker worker, String signingSecret) {
        this.http = composition.http();
        this.composition = composition;
        this.warRoom = warRoom;
        this.postmortemNotices = notices;
        this.updateNudges = nudges;
        this.fakeSlack = fakeSlack;
        this.callLog = callLog;
        this.worker = worker;
        this.signingSecret = signingSecret;
    }

    /** @param slackLog where to append one JSON line per call the stub answers; null: nowhere */
    static LocalSlack start(Composition core, Map<String, String> env, Path slackLog) {
        String token = env.get(BOT_TOKEN);
        String signingSecret = env.getOrDefault(SIGNING_SECRET, "local-signing-secret");
        SlackApiStub fake = null;
        SlackCallLog log = null;
        if (token == null || token.isBlank()) {
            fake = SlackApiStub.start();
            fake.onCall(LocalSlack::show);
            log = slackLog == null ? null : openLog(slackLog);
            if (log != null) {
                fake.onAnswer(log::write);
            }
            token = "xoxb-local";
        } else if (slackLog != null) {
            System.out.println("--slack-log: real Slack is called (HIKESHI_SLACK_BOT_TOKEN); only the stub's calls are"
                    + " written down, so " + slackLog + " stays as it is");
        }
        TaskWorker worker = new TaskWorker();
        AtomicReference<SlackTaskRunner> runner = new AtomicReference<>();
        TaskQueue tasks = json -> worker.run(() -> {
            try {
                runner.get().run(SlackTask.fromJson(json));
            } catch (Exception e) {
                System.out.println("slack task failed: " + e);
            }
        });
        SlackWiring slack = new SlackWiring(core, new HikeshiSlackApp.Settings(signingSecret, token,
                fake == null ? null : fake.methodsUrlPrefix(),
                Messages.parseLocale(env.getOrDefault(Settings.LOCALE, "ja")),
                "http://127.0.0.1:" + env.getOrDefault("HIKESHI_PORT", "8080")),
                SlackWiring.access(Settings.from(env), core.clock()), tasks); // the stub's workspace (auth.test) unless configured
        runner.set(slack.taskRunner());
        Map<String, String> warRoomEnv = new java.util.HashMap<>(env);
        warRoomEnv.putIfAbsent(Settings.BROADCAST_CHANNEL, "C0INCIDENTS");
        WarRoomService warRoom = slack.warRoom(ConfiguredServiceDirectory.load(core.json(),
                        env.get(Settings.SERVICES), env.get(Settings.GUIDES)),
                LocalSlack::showNotification, SlackWiring.warRoomSettings(Settings.from(warRoomEnv)), SlackCalls.standard());
        var notices = slack.postmortemNotices(warRoomEnv.get(Settings.BROADCAST_CHANNEL), SlackCalls.standard());
        return new LocalSlack(slack, warRoom, notices, slack.updateNudges(SlackCalls.standard()), fake, log, worker,
                signingSecret);
    }

    private static SlackCallLog openLog(Path file) {
        try {
            return SlackCallLog.appendingTo(file);
        } catch (IOException e) {
            throw new UncheckedIOException("--slack-log: cannot append to " + file, e);
        }
    }

    private static void show(SlackApiStub.Call call) {
        if (QUIET.contains(call.method())) {
            return;
        }
        String where = call.param("channel") != null ? " " + call.param("channel")
                : call.param("user_id") != null ? " @" + call.param("user_id") : "";
        String what = call.param("text") != null ? call.param("text")
                : call.param("view") != null ? "(view) " + call.param("view") : String.valueOf(call.params());
        System.out.println("slack ▸ " + call.method() + where + ": " + (what.length() > 300 ? what.substring(0, 300) + "…" : what));
    }

    /** What SNS would have sent to stakeholders. */
    private static void showNotification(String subject, String message, Map<String, String> attributes) {
        System.out.println("sns ▸ " + subject + " " + attributes);
    }

    io.hikeshi.slack.postmortem.PostmortemNotices postmortemNotices() {
        return postmortemNotices;
    }

    /** The update cadence's nudges in the war room (fired by the local scheduler as its clock passes them). */
    io.hikeshi.slack.cadence.UpdateNudges updateNudges() {
        return updateNudges;
    }

    WarRoomService warRoom() {
        return warRoom;
    }

    /** {@code /incident web} answers with links from this issuer. */
    void webLinks(java.util.function.Function<String, String> issuer) {
        composition.webLinks(issuer);
    }

    SlackHttp http() {
        return http;
    }

    String signingSecret() {
        return signingSecret;
    }

    String description() {
        return fakeSlack == null ? "talking to real Slack (HIKESHI_SLACK_BOT_TOKEN)"
                : "no bot token: Slack calls are printed here instead of sent";
    }

    /** Waits until the Slack tasks queued so far, and those they queued, have run; @return whether any had to. */
    boolean settle() {
        return worker.settle();
    }

    @Override
    public void close() {
        worker.thread.shutdown();
        if (fakeSlack != null) {
            fakeSlack.close();
        }
        if (callLog != null) {
            try {
                callLog.close();
            } catch (IOException e) {
                System.out.println("--slack-log: " + e.getMessage()); // every line was flushed as it was written
            }
        }
    }
}
