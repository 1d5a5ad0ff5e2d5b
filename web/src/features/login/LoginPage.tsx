import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Segmented, Typography } from "antd";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { api } from "../../api";
import { meKey, useMe } from "../../auth/useMe";
import { type Lang, useI18n } from "../../i18n";
import type { Me } from "../../types";

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;

  const login = useMutation({
    mutationFn: (body: LoginForm) => api.post<Me>("/api/auth/login", body),
    onSuccess: (user) => {
      qc.setQueryData(meKey, user);
      const target = user.role === "resident" ? "/me" : from && from !== "/login" ? from : "/";
      navigate(target, { replace: true });
    },
  });

  if (me) return <Navigate to={me.role === "resident" ? "/me" : "/"} replace />;

  return (
    <div
      style={{
        minHeight: "100vh",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        padding: 16,
        background: "linear-gradient(160deg, #e6f4ff 0%, #f5f5f5 60%)",
      }}
    >
      <Card style={{ width: "100%", maxWidth: 380 }}>
        <div style={{ display: "flex", justifyContent: "flex-end" }}>
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={(v) => setLang(v)}
            options={[
              { label: "中", value: "zh" },
              { label: "EN", value: "en" },
            ]}
          />
        </div>
        <Typography.Title level={3} style={{ textAlign: "center", marginTop: 8 }}>
          {t("appName")}
        </Typography.Title>
        {login.error && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title={login.error.message} data-testid="login-error" />
        )}
        <Form<LoginForm> layout="vertical" onFinish={(v) => login.mutate(v)} autoComplete="on">
          <Form.Item name="username" label={t("username")} rules={[{ required: true, message: t("usernameRequired") }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" name="username" />
          </Form.Item>
          <Form.Item name="password" label={t("password")} rules={[{ required: true, message: t("passwordRequired") }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" name="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t("login")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
