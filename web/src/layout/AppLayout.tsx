import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  LogoutOutlined,
  MenuOutlined,
  SafetyOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
  BankOutlined,
  IdcardOutlined,
} from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Drawer, Layout, Menu, Segmented, Space, Typography, type MenuProps } from "antd";
import { useState } from "react";
import { Outlet, useLocation, useNavigate } from "react-router-dom";
import { api } from "../api";
import { meKey, useMe } from "../auth/useMe";
import { useIsMobile } from "../components/useIsMobile";
import { type Lang, type MessageKey, useI18n } from "../i18n";
import { label, roleLabels } from "../labels";

interface NavItem {
  path: string;
  key: MessageKey;
  icon: React.ReactNode;
  perm?: string;
  residentOnly?: boolean;
}

export const NAV: NavItem[] = [
  { path: "/", key: "navDashboard", icon: <DashboardOutlined />, perm: "registry.read" },
  { path: "/me", key: "navMyInfo", icon: <IdcardOutlined />, residentOnly: true },
  { path: "/map", key: "navMap", icon: <EnvironmentOutlined />, perm: "registry.read" },
  { path: "/areas", key: "navAreas", icon: <ApartmentOutlined />, perm: "registry.read" },
  { path: "/buildings", key: "navBuildings", icon: <BankOutlined />, perm: "registry.read" },
  { path: "/households", key: "navHouseholds", icon: <HomeOutlined />, perm: "registry.read" },
  { path: "/residents", key: "navResidents", icon: <TeamOutlined />, perm: "registry.read" },
  { path: "/import", key: "navImport", icon: <UploadOutlined />, perm: "registry.import" },
  { path: "/audit", key: "navAudit", icon: <AuditOutlined />, perm: "audit.read" },
  { path: "/users", key: "navUsers", icon: <UserOutlined />, perm: "user.manage" },
  { path: "/security", key: "navSecurity", icon: <SafetyOutlined />, perm: "security.manage" },
];

function selectedKey(pathname: string): string {
  const map: Record<string, string> = { grids: "/map" };
  const first = pathname.split("/")[1] ?? "";
  if (!first) return "/";
  return map[first] ?? `/${first}`;
}

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const { data: me } = useMe();
  const isMobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();

  const isResident = me?.kind === "resident" || me?.role === "resident";
  const items: MenuProps["items"] = NAV.filter((n) => {
    if (n.residentOnly) return isResident;
    if (isResident) return false;
    return !n.perm || !!me?.permissions.includes(n.perm);
  }).map((n) => ({ key: n.path, icon: n.icon, label: t(n.key) }));

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedKey(location.pathname)]}
      items={items}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );

  async function logout() {
    try {
      await api.post("/api/auth/logout");
    } catch {
      // already logged out
    }
    qc.setQueryData(meKey, null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== "auth" });
    navigate("/login", { replace: true });
  }

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header
        style={{
          display: "flex",
          alignItems: "center",
          gap: 12,
          paddingInline: isMobile ? 12 : 24,
          background: "#fff",
          borderBottom: "1px solid #f0f0f0",
          position: "sticky",
          top: 0,
          zIndex: 10,
        }}
      >
        {isMobile && <Button type="text" icon={<MenuOutlined />} aria-label={t("menu")} onClick={() => setDrawerOpen(true)} />}
        <Typography.Text
          strong
          style={{ fontSize: isMobile ? 15 : 18, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis", flex: 1 }}
        >
          {isMobile ? t("appShort") : t("appName")}
        </Typography.Text>
        <Space size={isMobile ? 4 : 12}>
          {me && (
            <Typography.Text data-testid="current-user" style={{ whiteSpace: "nowrap" }}>
              {me.displayName}
              {!isMobile && <Typography.Text type="secondary"> · {label(roleLabels, me.role, lang)}</Typography.Text>}
            </Typography.Text>
          )}
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={(v) => setLang(v)}
            options={[
              { label: "中", value: "zh" },
              { label: "EN", value: "en" },
            ]}
          />
          <Button type="text" icon={<LogoutOutlined />} onClick={logout} title={t("logout")} aria-label={t("logout")}>
            {isMobile ? null : t("logout")}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {isMobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={240}
            title={t("appShort")}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider
            width={200}
            theme="light"
            breakpoint="lg"
            collapsedWidth={64}
            style={{ borderInlineEnd: "1px solid #f0f0f0" }}
          >
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
