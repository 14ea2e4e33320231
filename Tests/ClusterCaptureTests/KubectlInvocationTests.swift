import Testing

@testable import ClusterCapture

/// The kubectl command lines, exactly.
@Suite struct KubectlInvocationTests {
    @Test func debugCommandLine() {
        let kubectl = KubectlInvocation(executable: "kubectl")
        #expect(
            kubectl.debug(node: "w1", interface: "eth0", image: "nicolaka/netshoot", filter: "udp port 4789") == [
                "debug", "node/w1", "--profile=sysadmin", "--image=nicolaka/netshoot", "-q", "-i", "--",
                "sh", "-c", "read -r start; exec tcpdump \"$@\"", "calicap-capture", "-i", "eth0", "-U", "-w", "-",
                "udp port 4789",
            ])
        #expect(kubectl.debug(node: "w1", interface: "tunl0", image: "i", filter: nil).suffix(5) == ["-i", "tunl0", "-U", "-w", "-"])
    }

    @Test func contextOnEveryCallNamespaceOnPodCalls() {
        let kubectl = KubectlInvocation(executable: "/opt/kubectl", context: "prod", namespace: "calicap-debug")
        #expect(kubectl.getNodes(selector: nil) == ["--context", "prod", "get", "nodes", "-o", "yaml"])
        #expect(kubectl.getNodes(selector: "a=b") == ["--context", "prod", "get", "nodes", "-o", "yaml", "-l", "a=b"])
        #expect(kubectl.getPodsWide == ["--context", "prod", "get", "pods", "-A", "-o", "wide"])
        #expect(kubectl.getIPPools == ["--context", "prod", "get", "ippools.crd.projectcalico.org", "-o", "yaml"])
        #expect(kubectl.listPods == ["--context", "prod", "--namespace", "calicap-debug", "get", "pods", "-o", "name"])
        #expect(
            kubectl.deletePods(["p1", "p2"]) == [
                "--context", "prod", "--namespace", "calicap-debug", "delete", "pod", "p1", "p2", "--wait=false",
                "--ignore-not-found",
            ])
        #expect(kubectl.debug(node: "n", interface: "eth0", image: "i", filter: nil).prefix(5) == [
            "--context", "prod", "--namespace", "calicap-debug", "debug",
        ])
    }

    @Test func describeQuotesWhatAShellWouldSplit() {
        let kubectl = KubectlInvocation(executable: "kubectl")
        #expect(kubectl.describe(["get", "nodes", "-l", "a in (b)", "it's"]) == "kubectl get nodes -l 'a in (b)' 'it'\\''s'")
    }

    @Test func messageSummary() {
        let text = "tcpdump: listening on eth0, link-type EN10MB\nError from server (Forbidden): no\n\n  second line \n"
        #expect(KubectlMessage.summary(text) == "Error from server (Forbidden): no; second line")
        #expect(KubectlMessage.summary("", statusText: "exit status 1") == "no message, kubectl ended with exit status 1")
        #expect(KubectlMessage.summary(String(repeating: "x", count: 2_000)).count == 601)
    }
}
